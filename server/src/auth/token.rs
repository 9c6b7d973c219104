//! Signed session tokens (JWT, HS256 only), SECURITY.md B1–B6.
//!
//! Two kinds, mutually exclusive by header `typ` and by `aud` (B4): browser sessions, carried in
//! an HttpOnly cookie and renewed while in use, and API tokens for `Authorization: Bearer`.
//! Every claim is required; `ver` must equal the user's current token version, which logout,
//! password change, role change and disabling all bump (B5), so older tokens die at once.

use jsonwebtoken::{
    decode, decode_header, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation,
};
use serde::{Deserialize, Serialize};

/// The only algorithm accepted (B1).
const ALGORITHM: Algorithm = Algorithm::HS256;
/// Clock skew tolerated on `exp`/`nbf` (B2 asks for at most 30 s).
const LEEWAY_SECS: u64 = 5;
/// Shortest acceptable signing key: the HMAC output size (B3).
pub const MIN_KEY_BYTES: usize = 32;

/// A browser session expires after this long without a request (B6; the roles see PII).
pub const SESSION_IDLE_SECS: i64 = 15 * 60;
/// …and after this long in any case (B6: at most a working day).
pub const SESSION_ABSOLUTE_SECS: i64 = 8 * 60 * 60;
/// API tokens live this long and are not renewed.
pub const API_TOKEN_SECS: i64 = 60 * 60;

/// The kinds of token, each with its own `typ` and audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    BrowserSession,
    Api,
}

impl TokenKind {
    fn typ(self) -> &'static str {
        match self {
            TokenKind::BrowserSession => "app-session+jwt",
            TokenKind::Api => "app-api+jwt",
        }
    }

    fn audience(self) -> &'static str {
        match self {
            TokenKind::BrowserSession => "clearance-web",
            TokenKind::Api => "clearance-api",
        }
    }
}

/// The claims Clearance writes and requires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// The user id.
    pub sub: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    /// A random token id (logs refer to sessions by it).
    pub jti: String,
    /// The user's token version when the token was issued.
    pub ver: i64,
    /// When the user typed their password; bounds the absolute lifetime of renewed sessions.
    pub auth_time: i64,
}

impl Claims {
    pub fn user_id(&self) -> Option<i64> {
        self.sub.parse().ok()
    }
}

/// Why a token was not accepted. Callers answer 401 whatever the reason; the reason is logged.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("token rejected: {0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    #[error("token has typ {found:?}, expected {expected}")]
    WrongType {
        found: Option<String>,
        expected: &'static str,
    },
    #[error("token header names key material ({0}); refused")]
    EmbeddedKey(&'static str),
    #[error("token iat is in the future or after exp")]
    BadIssuedAt,
    #[error("token outlived its absolute session lifetime")]
    PastAbsoluteLifetime,
}

/// The signing key and the issuer name of this deployment.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    /// Refuses keys shorter than [`MIN_KEY_BYTES`].
    pub fn new(secret: &[u8], issuer: &str) -> Result<Self, String> {
        if secret.len() < MIN_KEY_BYTES {
            return Err(format!(
                "the session signing key has {} bytes; at least {MIN_KEY_BYTES} random bytes are required",
                secret.len()
            ));
        }
        Ok(TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            issuer: issuer.to_owned(),
        })
    }

    /// Issues a token for `user_id` at token version `ver`. `now` and `auth_time` are Unix seconds.
    pub fn issue(
        &self,
        kind: TokenKind,
        user_id: i64,
        ver: i64,
        now: i64,
        auth_time: i64,
    ) -> Result<String, TokenError> {
        let exp = match kind {
            TokenKind::BrowserSession => {
                (now + SESSION_IDLE_SECS).min(auth_time + SESSION_ABSOLUTE_SECS)
            }
            TokenKind::Api => now + API_TOKEN_SECS,
        };
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: kind.audience().into(),
            sub: user_id.to_string(),
            exp,
            nbf: now,
            iat: now,
            jti: crate::auth::random::token_id(),
            ver,
            auth_time,
        };
        let mut header = Header::new(ALGORITHM);
        header.typ = Some(kind.typ().into());
        Ok(encode(&header, &claims, &self.encoding)?)
    }

    /// Verifies signature, algorithm, `typ`, and every claim. `now` is Unix seconds.
    pub fn verify(&self, kind: TokenKind, token: &str, now: i64) -> Result<Claims, TokenError> {
        let header = decode_header(token)?;
        for (present, name) in [
            (header.jwk.is_some(), "jwk"),
            (header.jku.is_some(), "jku"),
            (header.x5u.is_some(), "x5u"),
            (header.x5c.is_some(), "x5c"),
        ] {
            if present {
                return Err(TokenError::EmbeddedKey(name));
            }
        }
        if header.typ.as_deref() != Some(kind.typ()) {
            return Err(TokenError::WrongType {
                found: header.typ,
                expected: kind.typ(),
            });
        }
        let mut validation = Validation::new(ALGORITHM);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[kind.audience()]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        let claims = decode::<Claims>(token, &self.decoding, &validation)?.claims;
        // The crate checks exp/nbf against the system clock; `iat` and the absolute lifetime are
        // ours to check (B2, B6).
        let skew = LEEWAY_SECS as i64;
        if claims.iat > now + skew || claims.iat > claims.exp || claims.exp < now - skew {
            return Err(TokenError::BadIssuedAt);
        }
        if kind == TokenKind::BrowserSession && now > claims.auth_time + SESSION_ABSOLUTE_SECS {
            return Err(TokenError::PastAbsoluteLifetime);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef-test-key";

    fn keys() -> TokenKeys {
        TokenKeys::new(KEY, "clearance-test").unwrap()
    }

    fn now() -> i64 {
        crate::clock::unix_now()
    }

    #[test]
    fn a_fresh_session_token_verifies_with_its_claims() {
        let t = keys()
            .issue(TokenKind::BrowserSession, 7, 3, now(), now())
            .unwrap();
        let claims = keys().verify(TokenKind::BrowserSession, &t, now()).unwrap();
        assert_eq!((claims.user_id(), claims.ver), (Some(7), 3));
        assert_eq!(claims.exp - claims.iat, SESSION_IDLE_SECS);
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(TokenKeys::new(b"too short", "x")
            .unwrap_err()
            .contains("at least 32"));
    }

    #[test]
    fn a_session_token_is_not_an_api_token_and_vice_versa() {
        let session = keys()
            .issue(TokenKind::BrowserSession, 1, 0, now(), now())
            .unwrap();
        let api = keys().issue(TokenKind::Api, 1, 0, now(), now()).unwrap();
        assert!(keys().verify(TokenKind::Api, &session, now()).is_err());
        assert!(keys()
            .verify(TokenKind::BrowserSession, &api, now())
            .is_err());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let long_ago = now() - 3600;
        let t = keys()
            .issue(TokenKind::BrowserSession, 1, 0, long_ago, long_ago)
            .unwrap();
        assert!(keys().verify(TokenKind::BrowserSession, &t, now()).is_err());
    }

    #[test]
    fn a_renewed_session_never_outlives_the_absolute_lifetime() {
        let signed_in = now() - SESSION_ABSOLUTE_SECS + 60;
        let t = keys()
            .issue(TokenKind::BrowserSession, 1, 0, now(), signed_in)
            .unwrap();
        let claims = keys().verify(TokenKind::BrowserSession, &t, now()).unwrap();
        assert_eq!(claims.exp, signed_in + SESSION_ABSOLUTE_SECS);
    }

    #[test]
    fn another_deployments_key_or_issuer_is_refused() {
        let t = keys()
            .issue(TokenKind::BrowserSession, 1, 0, now(), now())
            .unwrap();
        let other_key =
            TokenKeys::new(b"another-deployment-key-0123456789abcdef", "clearance-test").unwrap();
        let other_issuer = TokenKeys::new(KEY, "someone-else").unwrap();
        assert!(other_key
            .verify(TokenKind::BrowserSession, &t, now())
            .is_err());
        assert!(other_issuer
            .verify(TokenKind::BrowserSession, &t, now())
            .is_err());
    }

    fn forge(header: serde_json::Value, claims: serde_json::Value) -> String {
        use hmac::{Hmac, Mac};
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let signing_input = format!(
            "{}.{}",
            b64.encode(header.to_string()),
            b64.encode(claims.to_string())
        );
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(KEY).unwrap();
        mac.update(signing_input.as_bytes());
        format!(
            "{signing_input}.{}",
            b64.encode(mac.finalize().into_bytes())
        )
    }

    fn valid_claims() -> serde_json::Value {
        let n = now();
        serde_json::json!({
            "iss": "clearance-test", "aud": "clearance-web", "sub": "1", "exp": n + 60,
            "nbf": n, "iat": n, "jti": "x", "ver": 0, "auth_time": n
        })
    }

    #[test]
    fn the_forging_helper_makes_tokens_the_verifier_accepts() {
        let header = serde_json::json!({"alg": "HS256", "typ": "app-session+jwt"});
        assert!(keys()
            .verify(
                TokenKind::BrowserSession,
                &forge(header, valid_claims()),
                now()
            )
            .is_ok());
    }

    #[test]
    fn alg_none_and_other_algorithms_are_refused() {
        for alg in ["none", "HS512", "RS256"] {
            let header = serde_json::json!({"alg": alg, "typ": "app-session+jwt"});
            assert!(
                keys()
                    .verify(
                        TokenKind::BrowserSession,
                        &forge(header, valid_claims()),
                        now()
                    )
                    .is_err(),
                "{alg}"
            );
        }
    }

    #[test]
    fn every_required_claim_must_be_present() {
        for missing in ["exp", "nbf", "iss", "aud", "sub"] {
            let mut claims = valid_claims();
            claims.as_object_mut().unwrap().remove(missing);
            let header = serde_json::json!({"alg": "HS256", "typ": "app-session+jwt"});
            assert!(
                keys()
                    .verify(TokenKind::BrowserSession, &forge(header, claims), now())
                    .is_err(),
                "{missing}"
            );
        }
    }

    #[test]
    fn exp_as_a_string_is_refused() {
        // CVE-2026-25537: a wrongly typed exp must not count as absent.
        let mut claims = valid_claims();
        claims["exp"] = serde_json::json!("9999999999");
        let header = serde_json::json!({"alg": "HS256", "typ": "app-session+jwt"});
        assert!(keys()
            .verify(TokenKind::BrowserSession, &forge(header, claims), now())
            .is_err());
    }

    #[test]
    fn a_not_yet_valid_token_is_refused() {
        let mut claims = valid_claims();
        claims["nbf"] = serde_json::json!(now() + 600);
        let header = serde_json::json!({"alg": "HS256", "typ": "app-session+jwt"});
        assert!(keys()
            .verify(TokenKind::BrowserSession, &forge(header, claims), now())
            .is_err());
    }

    #[test]
    fn an_embedded_jwk_is_refused() {
        let header = serde_json::json!({"alg": "HS256", "typ": "app-session+jwt",
            "jwk": {"kty": "oct", "k": "AAAA"}});
        assert!(keys()
            .verify(
                TokenKind::BrowserSession,
                &forge(header, valid_claims()),
                now()
            )
            .is_err());
    }
}
