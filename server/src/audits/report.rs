//! The campaign's evidence report: one self-contained HTML document that an auditor can open
//! offline, archive, or print to PDF. Pure: data in, text out.
//!
//! Self-contained on purpose: no scripts, no fonts, images or stylesheets from elsewhere, so the
//! report looks the same in ten years and opening it phones nobody. Every value from the database
//! is escaped, because names and reasons are typed by people (some of them hostile).

use super::evidence::EvidenceRow;

/// Everything the report shows, already formatted as text by the caller.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportData {
    pub quarter: String,
    pub due_date: String,
    /// `open` or `signed_off`.
    pub state: String,
    pub created_by: String,
    pub created_at: String,
    pub signed_off_by: Option<String>,
    pub signed_off_at: Option<String>,
    pub certified: i64,
    pub revoked: i64,
    pub undecided: i64,
    /// (reviewer e-mail, decided, total)
    pub reviewers: Vec<(String, i64, i64)>,
    pub rows: Vec<EvidenceRow>,
    /// The audit-log range that records the campaign.
    pub first_seq: i64,
    pub last_seq: Option<i64>,
    /// The chain's head hash recorded at sign-off.
    pub head_hash: Option<String>,
    pub generated_at: String,
}

/// Width in SVG units of the longest bar in a chart.
const BAR_AREA: i64 = 360;

/// Screen and print styles. Print: A4 landscape (the item table is wide), the table header on
/// every page, never a row or a chart split across pages, and colours kept.
const STYLE: &str = "
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a;
  margin: 2rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #ccc; }
.generated { color: #555; margin: 0; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
.chart { display: block; max-width: 100%; height: auto; }
.chart text { font-size: 12px; fill: #1a1a1a; }
.certified { fill: #2e7d32; }
.revoked { fill: #c62828; }
.undecided { fill: #9e9e9e; }
.assigned { fill: #dcdcdc; }
.decided { fill: #1565c0; }
table { border-collapse: collapse; width: 100%; font-size: .8rem; }
th, td { border: 1px solid #bbb; padding: .25rem .35rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.flag { font-weight: 600; color: #c62828; }
.hash { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
.note { border-left: 4px solid #f9a825; background: #fff8e1; padding: .5rem .75rem; }
.muted { color: #555; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table { font-size: 7.5pt; }
  thead { display: table-header-group; }
  tr, td, th, .chart, dl.summary { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
";

/// A complete HTML document: inline <style> only (no external resources, no scripts), a summary
/// (quarter, due date, state, who started/signed off and when, counts), an inline SVG chart of
/// certified / revoked / undecided and a per-reviewer bar chart, the table of items, and the
/// audit-log sequence range with the chain's head hash at sign-off (or a clear "not signed off
/// yet" note). Every value is HTML-escaped. @media print rules: A4, table header repeated, no
/// page break inside rows.
pub fn render_html(data: &ReportData) -> String {
    let quarter = escape_html(&data.quarter);
    let mut html = String::with_capacity(8 * 1024 + data.rows.len() * 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!(
        "<title>Access review {quarter}: evidence report</title>\n<style>{STYLE}</style>\n"
    ));
    html.push_str("</head>\n<body>\n<header>\n");
    html.push_str(&format!("<h1>Access review {quarter}</h1>\n"));
    html.push_str(&format!(
        "<p class=\"generated\">Evidence report generated {}</p>\n</header>\n",
        escape_html(&data.generated_at)
    ));
    html.push_str(&summary(data));
    html.push_str(&outcome_chart(data.certified, data.revoked, data.undecided));
    html.push_str(&reviewer_chart(&data.reviewers));
    html.push_str(&items_table(&data.rows));
    html.push_str(&chain_section(data));
    html.push_str("</body>\n</html>\n");
    html
}

/// Escapes the five characters that matter in HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn state_label(state: &str) -> String {
    match state {
        "open" => "Open".to_owned(),
        "signed_off" => "Signed off".to_owned(),
        other => escape_html(other),
    }
}

fn summary(data: &ReportData) -> String {
    let signed_off = match (&data.signed_off_by, &data.signed_off_at) {
        (Some(by), Some(at)) => format!("{} on {}", escape_html(by), escape_html(at)),
        (Some(by), None) => escape_html(by),
        (None, Some(at)) => escape_html(at),
        (None, None) => "Not signed off yet".to_owned(),
    };
    let total = data.certified + data.revoked + data.undecided;
    format!(
        "<section>\n<h2>Summary</h2>\n<dl class=\"summary\">\n\
         <dt>Quarter</dt><dd>{}</dd>\n\
         <dt>Due date</dt><dd>{}</dd>\n\
         <dt>State</dt><dd>{}</dd>\n\
         <dt>Started by</dt><dd>{} on {}</dd>\n\
         <dt>Signed off by</dt><dd>{signed_off}</dd>\n\
         <dt>Items</dt><dd>{total}: {} certified, {} revoked, {} undecided</dd>\n\
         </dl>\n</section>\n",
        escape_html(&data.quarter),
        escape_html(&data.due_date),
        state_label(&data.state),
        escape_html(&data.created_by),
        escape_html(&data.created_at),
        data.certified,
        data.revoked,
        data.undecided,
    )
}

/// Length of a bar for `value` when `max` fills the whole area (0 for nothing, or a bad count).
fn bar(value: i64, max: i64) -> i64 {
    if max <= 0 || value <= 0 {
        0
    } else {
        // In i128 so that no count, however absurd, overflows on the way.
        let scaled = i128::from(value.min(max)) * i128::from(BAR_AREA) / i128::from(max);
        i64::try_from(scaled).unwrap_or(BAR_AREA)
    }
}

fn outcome_chart(certified: i64, revoked: i64, undecided: i64) -> String {
    let bars = [
        ("Certified", certified, "certified"),
        ("Revoked", revoked, "revoked"),
        ("Undecided", undecided, "undecided"),
    ];
    let max = certified.max(revoked).max(undecided);
    let height = 30 * bars.len() + 6;
    let mut svg = format!(
        "<section>\n<h2>Outcome</h2>\n<svg class=\"chart\" role=\"img\" \
         aria-labelledby=\"outcome-title\" width=\"560\" height=\"{height}\" \
         viewBox=\"0 0 560 {height}\">\n<title id=\"outcome-title\">Items by outcome: \
         {certified} certified, {revoked} revoked, {undecided} undecided</title>\n"
    );
    for (row, (label, count, class)) in bars.iter().enumerate() {
        let y = 30 * row + 4;
        let width = bar(*count, max);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\">{label}</text>\
             <rect class=\"{class}\" x=\"100\" y=\"{y}\" width=\"{width}\" height=\"22\"/>\
             <text x=\"{}\" y=\"{}\">{count}</text>\n",
            y + 16,
            106 + width,
            y + 16,
        ));
    }
    svg.push_str("</svg>\n</section>\n");
    svg
}

fn reviewer_chart(reviewers: &[(String, i64, i64)]) -> String {
    let mut out = String::from("<section>\n<h2>Reviewers</h2>\n");
    if reviewers.is_empty() {
        out.push_str("<p class=\"muted\">No items were assigned to a reviewer.</p>\n</section>\n");
        return out;
    }
    let max = reviewers.iter().map(|r| r.2).max().unwrap_or(0);
    let height = 40 * reviewers.len() + 4;
    out.push_str(&format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"reviewers-title\" width=\"560\" \
         height=\"{height}\" viewBox=\"0 0 560 {height}\">\n<title id=\"reviewers-title\">\
         Items decided of items assigned, per reviewer</title>\n"
    ));
    for (row, (reviewer, decided, total)) in reviewers.iter().enumerate() {
        let y = 40 * row;
        let (assigned, done) = (bar(*total, max), bar(*decided, max));
        // The name sits above its bar so a long address never runs into it.
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\">{}</text>\
             <rect class=\"assigned\" x=\"0\" y=\"{}\" width=\"{assigned}\" height=\"16\"/>\
             <rect class=\"decided\" x=\"0\" y=\"{}\" width=\"{done}\" height=\"16\"/>\
             <text x=\"{}\" y=\"{}\">{decided} of {total} decided</text>\n",
            y + 13,
            escape_html(reviewer),
            y + 18,
            y + 18,
            assigned + 6,
            y + 31,
        ));
    }
    out.push_str("</svg>\n</section>\n");
    out
}

fn items_table(rows: &[EvidenceRow]) -> String {
    let mut out = String::from("<section>\n<h2>Items</h2>\n");
    if rows.is_empty() {
        out.push_str("<p class=\"muted\">The campaign has no items.</p>\n</section>\n");
        return out;
    }
    out.push_str(
        "<table>\n<thead><tr><th>Item</th><th>Grant</th><th>Repository</th><th>Permission</th>\
         <th>Person</th><th>Granted</th><th>Expires</th><th>Approvers</th><th>Reviewer</th>\
         <th>Decision</th><th>Reason</th><th>Decided</th><th>Screening</th>\
         <th>Outlives screening</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        let e = escape_html;
        let (flag_class, flag) = if row.outlives_screening {
            (" class=\"flag\"", "Yes")
        } else {
            ("", "No")
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}<br><span class=\"muted\">{}</span></td>\
             <td>{}</td><td>{} (#{})<br><span class=\"muted\">{}</span></td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}<br><span class=\"muted\">{}</span></td>\
             <td>{}<br>{}<br><span class=\"muted\">{}</span></td><td{flag_class}>{flag}</td></tr>\n",
            row.item_id,
            row.grant_id,
            e(&row.repository),
            e(&row.tier),
            e(&row.permission),
            e(&row.person_name),
            row.person_id,
            e(&row.login),
            e(&row.granted_at),
            e(&row.expires_at),
            e(&row.approvers),
            e(&row.reviewer),
            e(&row.decision),
            e(&row.reason),
            e(&row.decided_by),
            e(&row.decided_at),
            e(&row.screening_band),
            e(&row.screening_decision),
            e(&row.screening_decided_at),
        ));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

fn chain_section(data: &ReportData) -> String {
    let range = match data.last_seq {
        Some(last) => format!(
            "<p>Audit-log entries <strong>{} to {last}</strong> record this campaign, from its \
             start to its sign-off.</p>\n",
            data.first_seq
        ),
        None => format!(
            "<p>Audit-log entries from <strong>{}</strong> onward record this campaign; it has \
             no last entry until it is signed off.</p>\n",
            data.first_seq
        ),
    };
    let head = match &data.head_hash {
        Some(hash) => format!(
            "<p>Head hash of the audit-log chain at sign-off:</p>\n\
             <p class=\"hash\">{}</p>\n\
             <p class=\"muted\">To check it offline, export the audit log through the \
             sign-off and run <code>server verify-audit-export FILE</code>: the last hash it \
             reports must be this one.</p>\n",
            escape_html(hash)
        ),
        None => "<p class=\"note\"><strong>Not signed off yet.</strong> The chain's head hash \
                 is recorded when the campaign is signed off; until then this report cannot \
                 vouch for the audit log.</p>\n"
            .to_owned(),
    };
    format!("<section>\n<h2>Audit log</h2>\n{range}{head}</section>\n")
}

#[cfg(test)]
mod tests;
