"""Seed 001, a council's 2018/19 appendix of children's social care complaints, rebuilt from records.

The seed prints: a totals table (initial feedback, Stage 1/2/3, ADR, cases closed and cancelled,
% upheld, % on time "for those due in period"), the teams with the volume decided and % upheld
for both years, the MP, MEP and Members' enquiries by team, compliments by service area, the ADR
saving (£1,800), 13 IRO dispute resolution cases and no Ombudsman complaints. Its volume of
representations (184 against 183) is exactly initial feedback + Stage 1 + enquiries + compliments
(62 + 39 + 57 + 26 = 184), which is how our representations table adds up too.

The world below is built once for the module, through the services, inside a transaction rolled
back at the end (audit events are append-only, so the rows could not be deleted afterwards).

Where the seed gives no record-level detail we chose values consistent with every figure it
prints, and assert our choices as well (marked "chosen" below):

- 2017-18 complaints: 48 received; 2 withdrawn; 46 answered in the year plus 2 received in March
  2017 and answered in April 2017 (48 responses); 2 answered in late March 2018 but due and
  closed in April 2018. 2018-19: 39 received; 3 withdrawn; 35 answered in the year, 5 of them in
  March 2019 and closed in April once the 20 working days to ask for Stage 2 had passed; one
  received 25 March 2019 and answered in April 2019.
- Upheld means upheld or partially upheld (seed 001 does not split them); every point of a partly
  upheld complaint is upheld for point 1 and not upheld for point 2.
- Enquiries and compliments in 2017-18 (the seed gives only the 183 total), who paid
  compliments, how long responses and enquiries took, ADR in 2017-18.

The seed spells some teams two ways ("CFAT" and "Children and Families Assessment Team CFAT",
"Child Protection/LADO" and "Child Protection / LADO", "Prevention & Support Service" and
"Prevention & Support Services"); each pair is one team here (ALIASES).
"""
