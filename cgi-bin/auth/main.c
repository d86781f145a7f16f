/* auth: sign-up, log-in, log-out, password change and reset, language and
 * sessions, the second factor: everything about a partner's login (AUTH-1..9; the health
 * check is the health program's). */
#include "pages.h"
#include "fcgi_main.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/", ROUTE_PUBLIC, login_home },
	{ ROUTE_GET, "/signup", ROUTE_PUBLIC, signup_show },
	{ ROUTE_GET, "/terms", ROUTE_PUBLIC, legal_show },
	{ ROUTE_GET, "/privacy", ROUTE_PUBLIC, legal_show },
	{ ROUTE_GET, "/policy", ROUTE_PUBLIC, legal_show },
	{ ROUTE_POST, "/signup", ROUTE_SIGN_IN, signup_post },
	{ ROUTE_GET, "/signup/confirm/{token}", ROUTE_PUBLIC, signup_confirm_show },
	{ ROUTE_POST, "/signup/confirm/{token}", ROUTE_SIGN_IN, signup_confirm_post },
	{ ROUTE_GET, "/login", ROUTE_PUBLIC, login_show },
	{ ROUTE_POST, "/login", ROUTE_SIGN_IN, login_post },
	{ ROUTE_POST, "/logout", ROUTE_PUBLIC, login_logout },
	{ ROUTE_GET, "/login/unlock/{token}", ROUTE_PUBLIC, unlock_show },
	{ ROUTE_POST, "/login/unlock/{token}", ROUTE_SIGN_IN, unlock_post },
	{ ROUTE_GET, "/settings", ROUTE_SIGNED_IN, settings_show },
	{ ROUTE_POST, "/settings/logout-all", ROUTE_SIGNED_IN, settings_logout_all },
	{ ROUTE_POST, "/settings/quiet", ROUTE_SIGNED_IN, quiet_post },
	{ ROUTE_POST, "/settings/notifications", ROUTE_SIGNED_IN, notify_post },
	{ ROUTE_POST, "/settings/sessions/{id}/revoke", ROUTE_SIGNED_IN,
	    settings_revoke_session },
	{ ROUTE_GET, "/settings/password", ROUTE_SIGNED_IN, password_show },
	{ ROUTE_POST, "/settings/password", ROUTE_SIGNED_IN, password_post },
	{ ROUTE_GET, "/settings/language", ROUTE_SIGNED_IN, settings_show },
	{ ROUTE_POST, "/settings/language", ROUTE_PUBLIC, settings_language },
	{ ROUTE_GET, "/settings/second-factor", ROUTE_SIGNED_IN, second_factor_show },
	{ ROUTE_POST, "/settings/second-factor/start", ROUTE_SIGNED_IN, second_factor_start },
	{ ROUTE_GET, "/settings/second-factor/qr.png", ROUTE_SIGNED_IN, second_factor_qr },
	{ ROUTE_POST, "/settings/second-factor/confirm", ROUTE_SIGNED_IN, second_factor_confirm },
	{ ROUTE_POST, "/settings/second-factor/off", ROUTE_SIGNED_IN, second_factor_off },
	{ ROUTE_POST, "/settings/second-factor/recovery", ROUTE_SIGNED_IN, second_factor_renew },
	{ ROUTE_GET, "/second-factor", ROUTE_SIGNED_IN, second_factor_check_show },
	{ ROUTE_POST, "/second-factor", ROUTE_SIGNED_IN, second_factor_check_post },
	{ ROUTE_GET, "/password/forgot", ROUTE_PUBLIC, reset_forgot_show },
	{ ROUTE_POST, "/password/forgot", ROUTE_PUBLIC, reset_forgot_post },
	{ ROUTE_GET, "/password/reset", ROUTE_PUBLIC, reset_show },
	{ ROUTE_POST, "/password/reset", ROUTE_PUBLIC, reset_post },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "auth", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}
