use crate::api::users::{
    list_users, ChangeRole, DisableUser, EnableUser, InviteUser, RevokeInvite,
};
use crate::components::feedback::{action_done, action_error, page_error};
use crate::components::pager::Pager;
use crate::components::permitted::PermittedPart;
use crate::model::access::Operation;
use crate::model::role::Role;
use crate::model::user::{InviteSummary, UserSummary, UsersPage};
use crate::query_string::encode;
use crate::CurrentUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The admin's users page: invite, change roles, disable and re-enable.
#[component]
pub fn Users() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
    };
    let invite = ServerAction::<InviteUser>::new();
    let revoke = ServerAction::<RevokeInvite>::new();
    let change_role = ServerAction::<ChangeRole>::new();
    let disable = ServerAction::<DisableUser>::new();
    let enable = ServerAction::<EnableUser>::new();
    // Any completed form reloads the list.
    let versions = move || {
        invite.version().get()
            + revoke.version().get()
            + change_role.version().get()
            + disable.version().get()
            + enable.version().get()
    };
    let data = Resource::new(move || (page(), versions()), |(page, _)| list_users(page));
    let CurrentUser(me) = expect_context::<CurrentUser>();
    view! {
        <Title text="Users"/>
        <h1>"Users"</h1>
        // Not for other roles, whose page says "Not allowed" below.
        <PermittedPart operation=Operation::InviteUser>
            <section class="card">
                <h2>"Invite someone"</h2>
                <p class="hint">"They receive an e-mail with a single-use link, valid for 7 days, to set their password."</p>
                {action_error(invite)}
                {action_done(invite, "Invitation sent.")}
                <ActionForm action=invite attr:class="row-form">
                    <label for="invite-email">"E-mail address"</label>
                    <input id="invite-email" type="email" name="email" required maxlength="254" autocomplete="off"/>
                    <label for="invite-role">"Role"</label>
                    <RoleSelect id="invite-role" selected=Role::Hr/>
                    <button type="submit" class="primary">"Send invitation"</button>
                </ActionForm>
            </section>
        </PermittedPart>
        {action_error(revoke)}
        {action_error(change_role)}
        {action_error(disable)}
        {action_error(enable)}
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let my_id = me.await.ok().flatten().map(|a| a.user_id);
                match data.await {
                    Ok(users_page) => users_view(users_page, my_id, revoke, change_role, disable, enable).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn users_view(
    data: UsersPage,
    my_id: Option<i64>,
    revoke: ServerAction<RevokeInvite>,
    change_role: ServerAction<ChangeRole>,
    disable: ServerAction<DisableUser>,
    enable: ServerAction<EnableUser>,
) -> impl IntoView {
    let UsersPage {
        users,
        page,
        open_invites,
    } = data;
    view! {
        <section>
            <h2>"Open invitations"</h2>
            {if open_invites.is_empty() {
                view! { <p class="empty">"No open invitations."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr><th>"E-mail address"</th><th>"Role"</th><th>"Invited by"</th><th>"Expires"</th><th></th></tr></thead>
                        <tbody>
                            {open_invites.into_iter().map(|i| invite_row(i, revoke)).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section>
            <h2>"Accounts"</h2>
            {if users.is_empty() {
                view! { <p class="empty">"No accounts on this page."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr><th>"E-mail address"</th><th>"Role"</th><th>"Status"</th><th>"Since"</th><th>"Actions"</th></tr></thead>
                        <tbody>
                            {users.into_iter().map(|u| user_row(u, my_id, change_role, disable, enable)).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <Pager info=page path="/users" base_query=""/>
        </section>
    }
}

fn invite_row(invite: InviteSummary, revoke: ServerAction<RevokeInvite>) -> impl IntoView {
    view! {
        <tr>
            <td>{invite.email}</td>
            <td>{invite.role.label()}</td>
            <td>{invite.invited_by}</td>
            <td>{short_time(&invite.expires_at)}</td>
            <td>
                <ActionForm action=revoke attr:class="inline">
                    <input type="hidden" name="invite_id" value=invite.id/>
                    <button type="submit" class="secondary">"Revoke"</button>
                </ActionForm>
            </td>
        </tr>
    }
}

fn user_row(
    user: UserSummary,
    my_id: Option<i64>,
    change_role: ServerAction<ChangeRole>,
    disable: ServerAction<DisableUser>,
    enable: ServerAction<EnableUser>,
) -> impl IntoView {
    let is_me = my_id == Some(user.id);
    let role_label = format!("Role of {}", user.email);
    // Admins, the only ones who see this page, may read the log.
    let activity = format!("/audit?actor={}", encode(&format!("user:{}", user.id)));
    let controls = if is_me {
        view! { <span class="hint">"This is you"</span> }.into_any()
    } else {
        view! {
            <ActionForm action=change_role attr:class="inline">
                <input type="hidden" name="user_id" value=user.id/>
                <RoleSelect id="" selected=user.role label=role_label/>
                <button type="submit" class="secondary">"Change role"</button>
            </ActionForm>
            {if user.disabled {
                view! {
                    <ActionForm action=enable attr:class="inline">
                        <input type="hidden" name="user_id" value=user.id/>
                        <button type="submit" class="secondary">"Re-enable"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <ActionForm action=disable attr:class="inline">
                        <input type="hidden" name="user_id" value=user.id/>
                        <label class="confirm"><input type="checkbox" name="confirm" value="yes" required/>" confirm"</label>
                        <button type="submit" class="danger">"Disable"</button>
                    </ActionForm>
                }.into_any()
            }}
        }.into_any()
    };
    view! {
        <tr class:disabled=user.disabled>
            <td>
                {user.email.clone()}
                <br/>
                <a class="hint" href=activity>"Activity"</a>
            </td>
            <td>{user.role.label()}</td>
            <td>{if user.disabled { "Disabled" } else { "Active" }}</td>
            <td>{short_time(&user.created_at)}</td>
            <td class="actions">{controls}</td>
        </tr>
    }
}

#[component]
fn RoleSelect(
    id: &'static str,
    selected: Role,
    #[prop(optional, into)] label: Option<String>,
) -> impl IntoView {
    view! {
        <select name="role" id=(!id.is_empty()).then_some(id) aria-label=label>
            {Role::ALL.into_iter().map(|role| view! {
                <option value=role.as_str() selected=role == selected>{role.label()}</option>
            }).collect_view()}
        </select>
    }
}

/// `2026-11-21T09:30:12.345Z` → `2026-11-21 09:30 UTC`.
pub fn short_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => rfc3339.to_owned(),
    }
}
