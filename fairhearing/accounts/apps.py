from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff and external users, the teams they belong to, and their roles."""

    name = "fairhearing.accounts"
    label = "accounts"
    verbose_name = "Users and teams"
