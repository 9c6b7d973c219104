//! Charts drawn on the server as plain SVG: horizontal bars for counts, where each bar leads to
//! the list it counts, and progress as a bar or a ring. They need no JavaScript: with it off
//! they look, and link, the same.
//!
//! The bar chart and the ring are images to assistive technology (`role="img"`, named by their
//! `<title>`, which lists every value); the bar chart also carries its values as a visually
//! hidden table whose links keyboard users reach (it appears when one of them has focus). The
//! progress bar's words stand beside it.

use crate::model::campaigns::{Count, Progress};
use leptos::prelude::*;

/// Bar chart geometry, in SVG user units (the chart scales to its container).
const WIDTH: f64 = 480.0;
/// Room for the labels, right-aligned against the bars.
const LABEL_WIDTH: f64 = 170.0;
/// Room after the longest bar for its number.
const VALUE_ROOM: f64 = 56.0;
/// The longest bar.
const BAR_ROOM: f64 = WIDTH - LABEL_WIDTH - VALUE_ROOM;
const ROW_HEIGHT: f64 = 30.0;
const BAR_HEIGHT: f64 = 20.0;
/// A zero still gets a sliver, so that "none" reads as a value rather than a gap.
const ZERO_BAR: f64 = 2.0;

/// Progress bar and ring geometry.
const TRACK_WIDTH: f64 = 200.0;
const TRACK_HEIGHT: f64 = 12.0;
const RING_RADIUS: f64 = 40.0;

/// Bar lengths proportional to `values`, the largest filling `full`. All zero (or no values)
/// gives zero lengths instead of dividing by zero; a negative value counts as zero.
pub fn bar_lengths(values: &[i64], full: f64) -> Vec<f64> {
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&value| {
            if max <= 0 {
                0.0
            } else {
                full * value.max(0) as f64 / max as f64
            }
        })
        .collect()
}

/// "Active grants by tier: Standard 3, Sensitive 1, Critical 0": the chart in words.
pub fn summary(title: &str, counts: &[Count]) -> String {
    if counts.is_empty() {
        return format!("{title}: nothing to show");
    }
    let values = counts
        .iter()
        .map(|c| format!("{} {}", c.label, c.count))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{title}: {values}")
}

/// "75% · 3 of 4 decided" (an empty campaign has nothing left to decide: 100%).
pub fn progress_text(progress: Progress) -> String {
    if progress.total <= 0 {
        return "100% · nothing to decide".to_owned();
    }
    format!(
        "{}% · {} of {} decided",
        progress.percent().clamp(0, 100),
        progress.decided,
        progress.total
    )
}

/// One decimal is plenty for coordinates and keeps the HTML short.
fn coord(value: f64) -> String {
    format!("{value:.1}")
}

/// Horizontal bars, one per count, largest value the longest; each bar and its label is a link
/// to the filtered list (`Count::href`).
#[component]
pub fn BarChart(
    /// What the chart shows, e.g. "Active grants by tier".
    #[prop(into)]
    title: String,
    counts: Vec<Count>,
) -> impl IntoView {
    if counts.is_empty() {
        return view! { <p class="empty">"Nothing to count yet."</p> }.into_any();
    }
    let values: Vec<i64> = counts.iter().map(|c| c.count).collect();
    let lengths = bar_lengths(&values, BAR_ROOM);
    let words = summary(&title, &counts);
    let aria = words.clone();
    let height = counts.len() as f64 * ROW_HEIGHT;
    let bars = counts
        .iter()
        .cloned()
        .zip(lengths)
        .enumerate()
        .map(|(row, (count, length))| bar(row, count, length))
        .collect_view();
    let table_rows = counts
        .into_iter()
        .map(|Count { label, count, href }| {
            view! { <tr><td><a href=href>{label}</a></td><td>{count}</td></tr> }
        })
        .collect_view();
    view! {
        <div class="bar-chart">
            <svg class="bars" viewBox=format!("0 0 {WIDTH} {}", coord(height)) role="img" aria-label=aria>
                <title>{words}</title>
                {bars}
            </svg>
            <table class="visually-hidden">
                <caption>{title}</caption>
                <thead><tr><th scope="col">"What"</th><th scope="col">"How many"</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One row of a bar chart. The `<g>` makes the view macro build the `<a>` as an SVG link; the
/// link is out of the tab order because the hidden table holds the same links for keyboards.
fn bar(row: usize, count: Count, length: f64) -> impl IntoView {
    let Count { label, count, href } = count;
    let top = row as f64 * ROW_HEIGHT;
    let middle = top + ROW_HEIGHT / 2.0;
    let width = if count > 0 {
        length.max(ZERO_BAR)
    } else {
        ZERO_BAR
    };
    let class = if count > 0 { "bar" } else { "bar zero" };
    view! {
        <g class="bar-row">
            <a href=href tabindex="-1">
                // The whole row is the target, not only the painted bar.
                <rect class="bar-hit" x="0" y=coord(top) width=coord(WIDTH) height=coord(ROW_HEIGHT)/>
                <text class="bar-label" x=coord(LABEL_WIDTH - 8.0) y=coord(middle) text-anchor="end" dominant-baseline="middle">{label}</text>
                <rect class=class x=coord(LABEL_WIDTH) y=coord(top + (ROW_HEIGHT - BAR_HEIGHT) / 2.0) width=coord(width) height=coord(BAR_HEIGHT) rx="3"/>
                <text class="bar-value" x=coord(LABEL_WIDTH + width + 6.0) y=coord(middle) dominant-baseline="middle">{count}</text>
            </a>
        </g>
    }
}

/// A Progress as a bar, with the percentage and "N of M decided" as text beside it (the text is
/// what assistive technology reads; the drawing is hidden from it, so it is not read twice).
#[component]
pub fn ProgressBar(progress: Progress) -> impl IntoView {
    let percent = progress.percent().clamp(0, 100);
    let filled = TRACK_WIDTH * percent as f64 / 100.0;
    let text = progress_text(progress);
    let class = if progress.is_complete() {
        "fill complete"
    } else {
        "fill"
    };
    view! {
        <span class="progress">
            <svg class="progress-bar" viewBox=format!("0 0 {TRACK_WIDTH} {TRACK_HEIGHT}") preserveAspectRatio="none" aria-hidden="true">
                <title>{text.clone()}</title>
                <rect class="track" x="0" y="0" width=coord(TRACK_WIDTH) height=coord(TRACK_HEIGHT) rx="6"/>
                <rect class=class x="0" y="0" width=coord(filled) height=coord(TRACK_HEIGHT) rx="6"/>
            </svg>
            <span class="progress-text">{text}</span>
        </span>
    }
}

/// A Progress as a ring with the percentage in the middle.
#[component]
pub fn ProgressRing(progress: Progress) -> impl IntoView {
    let percent = progress.percent().clamp(0, 100);
    let circumference = std::f64::consts::TAU * RING_RADIUS;
    let arc = circumference * percent as f64 / 100.0;
    let text = progress_text(progress);
    let aria = text.clone();
    let class = if progress.is_complete() {
        "fill complete"
    } else {
        "fill"
    };
    view! {
        <svg class="progress-ring" viewBox="0 0 100 100" role="img" aria-label=aria>
            <title>{text}</title>
            <circle class="track" cx="50" cy="50" r=coord(RING_RADIUS)/>
            // Starts at the top and runs clockwise.
            <circle class=class cx="50" cy="50" r=coord(RING_RADIUS) stroke-dasharray=format!("{} {}", coord(arc), coord(circumference)) transform="rotate(-90 50 50)"/>
            <text class="ring-text" x="50" y="50" text-anchor="middle" dominant-baseline="central">{format!("{percent}%")}</text>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_to_the_largest_value() {
        assert_eq!(bar_lengths(&[4, 2, 0], 100.0), vec![100.0, 50.0, 0.0]);
    }

    #[test]
    fn all_zero_or_nothing_gives_empty_bars_without_dividing_by_zero() {
        assert_eq!(bar_lengths(&[0, 0], 100.0), vec![0.0, 0.0]);
        assert!(bar_lengths(&[], 100.0).is_empty());
        assert_eq!(bar_lengths(&[-3, 0], 100.0), vec![0.0, 0.0]);
    }

    #[test]
    fn the_summary_lists_every_value_including_zeros() {
        let counts = [("Standard", 3), ("Critical", 0)].map(|(label, count)| Count {
            label: label.to_owned(),
            count,
            href: String::new(),
        });
        assert_eq!(
            summary("Grants by tier", &counts),
            "Grants by tier: Standard 3, Critical 0"
        );
    }

    #[test]
    fn progress_reads_as_percent_and_counts() {
        let half = Progress {
            decided: 1,
            total: 2,
        };
        assert_eq!(progress_text(half), "50% · 1 of 2 decided");
        let done = Progress {
            decided: 1,
            total: 1,
        };
        assert_eq!(progress_text(done), "100% · 1 of 1 decided");
        assert_eq!(
            progress_text(Progress::default()),
            "100% · nothing to decide"
        );
    }
}
