//! Issuing session tokens and the cookie that carries them (SECURITY.md B6, B7).

use crate::auth::token::{TokenKeys, TokenKind, SESSION_ABSOLUTE_SECS};
use clearance_app::ports::SessionCookie;

/// How the session cookie is written. Over HTTPS it is `__Host-session` with `Secure`; on plain
/// http://localhost browsers would drop a `Secure` cookie, so it is `clearance_session` there.
#[derive(Clone, Debug)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    pub fn name(&self) -> &'static str {
        if self.secure {
            "__Host-session"
        } else {
            "clearance_session"
        }
    }

    /// A cookie that holds `token`; it expires with the absolute session lifetime at the latest
    /// (the token inside expires sooner when idle).
    pub fn set(&self, token: &str) -> SessionCookie {
        SessionCookie(format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_ABSOLUTE_SECS}{}",
            self.name(),
            if self.secure { "; Secure" } else { "" }
        ))
    }

    /// A cookie that removes the session from the browser.
    pub fn clear(&self) -> SessionCookie {
        SessionCookie(format!(
            "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
            self.name(),
            if self.secure { "; Secure" } else { "" }
        ))
    }

    /// The session token in a `Cookie` request header, if any.
    pub fn read<'h>(&self, cookie_header: &'h str) -> Option<&'h str> {
        cookie_header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.name())
            .map(|(_, value)| value)
            .filter(|value| !value.is_empty())
    }
}

/// A new browser session for a user who just proved who they are.
pub fn start_session(
    keys: &TokenKeys,
    cookies: &CookiePolicy,
    user_id: i64,
    token_version: i64,
) -> Result<SessionCookie, crate::auth::token::TokenError> {
    let now = crate::clock::unix_now();
    let token = keys.issue(TokenKind::BrowserSession, user_id, token_version, now, now)?;
    Ok(cookies.set(&token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_cookies_use_the_host_prefix_and_all_attributes() {
        let cookie = CookiePolicy { secure: true }.set("abc").0;
        assert!(
            cookie.starts_with("__Host-session=abc; Path=/; HttpOnly; SameSite=Strict"),
            "{cookie}"
        );
        assert!(cookie.ends_with("; Secure"));
        assert!(!cookie.contains("Domain"));
    }

    #[test]
    fn local_cookies_are_not_secure_but_still_http_only_and_strict() {
        let cookie = CookiePolicy { secure: false }.set("abc").0;
        assert!(
            cookie.starts_with("clearance_session=abc;")
                && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict")
        );
        assert!(!cookie.contains("Secure"));
    }

    #[test]
    fn the_token_is_read_from_among_other_cookies() {
        let policy = CookiePolicy { secure: false };
        assert_eq!(
            policy.read("a=1; clearance_session=tok.en.x; b=2"),
            Some("tok.en.x")
        );
        assert_eq!(policy.read("clearance_session=; b=2"), None);
        assert_eq!(policy.read("__Host-session=x"), None);
    }
}
