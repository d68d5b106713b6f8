from django.urls import URLPattern, path

from accounts.models import RegistrationStep
from accounts.views import password_rules, profile, recovery, registration, sessions, signin

app_name = "accounts"


def registration_step_paths() -> list[URLPattern]:
    """One URL per registration step, named register_<step>, generated from the step list."""
    return [
        path(f"register/{step.value}/", view.as_view(), name=f"register_{step.value.replace('-', '_')}")
        for step, view in registration.REGISTRATION_STEP_VIEWS.items()
    ]


urlpatterns = [
    path("login/", signin.login_view, name="login"),
    path("login/verify/", signin.login_verify, name="login_verify"),
    path("login/verify/resend/", signin.login_resend, name="login_resend"),
    path("logout/", signin.logout_view, name="logout"),
    path("register/", registration.IdentityView.as_view(), name="register"),
    *registration_step_paths(),
    path(
        f"register/{RegistrationStep.VERIFY.value}/resend/", registration.ResendView.as_view(), name="register_resend"
    ),
    path("register/complete/", registration.complete, name="register_complete"),
    path("register/not-verified/", registration.not_verified_page, name="register_not_verified"),
    path("register/start-over/", registration.start_over, name="register_start_over"),
    path("register/password-rules/", password_rules.password_rules, name="password_rules"),
    path("two-step-faq/", sessions.two_step_faq, name="two_step_faq"),
    path("forgot-user-id/", recovery.forgot_user_id, name="forgot_user_id"),
    path("forgot-user-id/sent/", recovery.forgot_user_id_sent, name="forgot_user_id_sent"),
    path("reset-password/", recovery.reset_password, name="reset_password"),
    path("reset-password/verify/", recovery.reset_password_verify, name="reset_password_verify"),
    path("reset-password/verify/resend/", recovery.reset_password_resend, name="reset_password_resend"),
    path("reset-password/new/", recovery.reset_password_new, name="reset_password_new"),
    path("reset-password/done/", recovery.reset_password_done, name="reset_password_done"),
    path("session/extend/", sessions.extend, name="session_extend"),
    path("session/ended/", sessions.ended, name="session_ended"),
    path("profile/", profile.profile_page, name="profile"),
    path("profile/confirm-password/", profile.confirm_password, name="confirm_password"),
    path("profile/email/", profile.change_email, name="profile_email"),
    path("profile/email/resend/", profile.resend_email_link, name="profile_email_resend"),
    path("profile/email/cancel/", profile.cancel_email_change, name="profile_email_cancel"),
    path("profile/email/confirm/", profile.confirm_email, name="profile_email_confirm"),
    path("profile/password/", profile.change_password, name="profile_password"),
    path("profile/phone/", profile.change_phone, name="profile_phone"),
    path("profile/phone/verify/", profile.verify_phone, name="profile_phone_verify"),
    path("profile/phone/verify/resend/", profile.resend_phone_code, name="profile_phone_resend"),
    path("profile/authenticator/", profile.authenticator, name="profile_authenticator"),
    path("profile/authenticator/remove/", profile.remove_authenticator, name="profile_authenticator_remove"),
    path("profile/sessions/<int:session_id>/end/", profile.end_session, name="profile_end_session"),
]
