//! The text of every mail Clearance sends. Subjects never contain user-supplied text, and bodies
//! are plain text, so nothing a user types can become a header or markup (SECURITY.md E4).

use clearance_app::model::role::Role;

/// A rendered mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// The invite: who invited, as what, the single-use link and when it expires.
pub fn invite(
    public_url: &str,
    token: &str,
    role: Role,
    inviter: &str,
    expires_at: &str,
) -> Rendered {
    let link = format!("{}/invite/{token}", public_url.trim_end_matches('/'));
    Rendered {
        subject: "You are invited to Clearance".into(),
        body: format!(
            // Lines stay under 78 characters so the body goes out as plain 7-bit text and the
            // link is never wrapped or encoded.
            "Hello,\n\n\
             {inviter} has invited you to Clearance\n\
             as {role}.\n\n\
             Set your password and sign in here (the link works once):\n\n\
             {link}\n\n\
             The link expires at {expires_at}.\n\
             If you did not expect this invitation, ignore this mail;\n\
             nothing happens until the link is used.\n\n\
             -- Clearance\n",
            role = role.label(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invite_names_the_link_role_and_expiry() {
        let mail = invite(
            "http://127.0.0.1:3000/",
            "TOKEN",
            Role::SecurityLead,
            "ada@example.com",
            "2026-11-28T10:00:00Z",
        );
        assert!(
            mail.body.contains("http://127.0.0.1:3000/invite/TOKEN\n"),
            "{}",
            mail.body
        );
        assert!(mail.body.contains("as Security lead"));
        assert!(mail.body.contains("2026-11-28T10:00:00Z"));
        assert!(!mail.subject.contains('\n'));
        assert!(mail.body.lines().all(|l| l.len() < 78), "{}", mail.body);
    }
}
