"""System checks of the minutes' signing keys: unusable ones stop every command; missing ones warn at
deployment (`check --deploy`), since the procès-verbal would then go out without electronic signature."""

from django.core.checks import Error, Tags, Warning, register

from committee import signing


@register()
def minutes_keys_usable(app_configs=None, **kwargs) -> list[Error]:
    return [
        Error(
            f"The committee minutes cannot be signed with {error}.",
            hint="Fix the path or the file, or unset both variables of this signer to sign by hand.",
            id="committee.E001",
        )
        for error in signing.check_all()
    ]


@register(Tags.security, deploy=True)
def minutes_keys_configured(app_configs=None, **kwargs) -> list[Warning]:
    missing = signing.unsigned_roles()
    if not missing:
        return []
    names = ", ".join(f"{signing.setting_name(r, 'key')}/{signing.setting_name(r, 'cert')}" for r in missing)
    return [
        Warning(
            f"The committee minutes will be produced without electronic signature: {names} not set.",
            hint="Give each signer the PEM key and certificate the CPAS issued to sign the minutes (PAdES).",
            id="committee.W001",
        )
    ]
