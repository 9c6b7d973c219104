//! The one error type that crosses from server to browser and to REST clients.
//!
//! Every variant carries a message a person can act on. Unexpected failures never show their
//! cause: the server logs it with the request id, and the person sees only that id.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    /// 401: not signed in, or the session ended.
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// 401 at sign-in: the same answer for an unknown address, a wrong password and a disabled
    /// account (SECURITY.md A5).
    #[error("The e-mail address or password is incorrect.")]
    InvalidCredentials,
    /// 403: signed in, but the role does not allow it.
    #[error("Your role does not allow this.")]
    Forbidden,
    /// 404.
    #[error("{message}")]
    NotFound { message: String },
    /// 400/422: a value is wrong; `field` names it.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// 409: the request conflicts with the current state.
    #[error("{message}")]
    Conflict { message: String },
    /// 429: too many attempts.
    #[error("Too many attempts. Try again in {retry_after_secs} seconds.")]
    TooManyRequests { retry_after_secs: i64 },
    /// 500: something failed on the server; details are in the server log under the id.
    #[error("Something went wrong on our side. Please try again; if it keeps happening, give this reference to your administrator: {request_id}.")]
    Internal { request_id: String },
    /// 400: a value in the request is malformed; `field` names it.
    #[error("{field}: {message}")]
    Malformed { field: String, message: String },
    /// 422: a policy rule blocks the request; `rule` names it (e.g. `screening.cleared`) and the
    /// message says what would satisfy it.
    #[error("{message}")]
    Policy { rule: String, message: String },
    /// 403: this person may not do this to this item (e.g. review their own request); `rule`
    /// names the rule.
    #[error("{message}")]
    NotPermitted { rule: String, message: String },
    /// 400: the request itself could not be read (malformed form or JSON).
    #[error("The request could not be read: {message}")]
    BadRequest { message: String },
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn malformed(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Malformed {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::NotFound {
            message: message.into(),
        }
    }

    pub fn policy(rule: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Policy {
            rule: rule.into(),
            message: message.into(),
        }
    }

    pub fn not_permitted(rule: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::NotPermitted {
            rule: rule.into(),
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::Conflict {
            message: message.into(),
        }
    }

    /// The HTTP status for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::NotPermitted { .. } => 403,
            AppError::Policy { .. } => 422,
            AppError::NotFound { .. } => 404,
            AppError::Invalid { .. } => 422,
            AppError::Conflict { .. } => 409,
            AppError::TooManyRequests { .. } => 429,
            AppError::Internal { .. } => 500,
            AppError::BadRequest { .. } | AppError::Malformed { .. } => 400,
        }
    }

    /// The field a form should highlight, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } | AppError::Malformed { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        let message = match value {
            E::Args(m) | E::MissingArg(m) | E::Deserialization(m) | E::Request(m) => m,
            other => other.to_string(),
        };
        // Framework messages can be long and technical; keep them short and single-line.
        let message: String = message
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        AppError::BadRequest { message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_http_meaning() {
        assert_eq!(AppError::Unauthenticated.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::invalid("email", "x").status(), 422);
        assert_eq!(
            AppError::TooManyRequests {
                retry_after_secs: 3
            }
            .status(),
            429
        );
    }

    #[test]
    fn internal_errors_show_only_the_request_id() {
        let text = AppError::Internal {
            request_id: "req-123".into(),
        }
        .to_string();
        assert!(text.contains("req-123"));
    }

    #[test]
    fn the_json_form_is_tagged_with_a_kind() {
        let json = serde_json::to_value(AppError::invalid("role", "Pick a role.")).unwrap();
        assert_eq!(json["kind"], "invalid");
        assert_eq!(json["field"], "role");
        assert_eq!(json["message"], "Pick a role.");
    }
}
