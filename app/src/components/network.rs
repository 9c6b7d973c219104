//! The link network of a person, drawn on the server as SVG: the person in the middle, linked
//! people around, one line each, labelled with what they share.

use crate::model::person::LinkedPerson;
use leptos::prelude::*;

const SIZE: f64 = 360.0;
const RADIUS: f64 = 130.0;

/// Where the i-th of n nodes sits on the circle.
pub fn position(i: usize, n: usize) -> (f64, f64) {
    let angle =
        std::f64::consts::TAU * (i as f64) / (n.max(1) as f64) - std::f64::consts::FRAC_PI_2;
    (
        SIZE / 2.0 + RADIUS * angle.cos(),
        SIZE / 2.0 + RADIUS * angle.sin(),
    )
}

#[component]
pub fn Network(center: String, linked: Vec<LinkedPerson>) -> impl IntoView {
    let n = linked.len();
    let middle = SIZE / 2.0;
    view! {
        <svg class="network" viewBox=format!("0 0 {SIZE} {SIZE}") role="img" aria-label=format!("{center} and {n} linked people")>
            {linked.iter().enumerate().map(|(i, l)| {
                let (x, y) = position(i, n);
                view! {
                    <line x1=middle y1=middle x2=x y2=y class=format!("edge band-{}", l.band)/>
                    <text x=(middle + x) / 2.0 y=(middle + y) / 2.0 - 4.0 class="edge-label" text-anchor="middle">{l.shared.join(" ")}</text>
                }
            }).collect_view()}
            <circle cx=middle cy=middle r="26" class="node center"/>
            <text x=middle y=middle + 44.0 text-anchor="middle" class="node-label">{center.clone()}</text>
            {linked.into_iter().enumerate().map(|(i, l)| {
                let (x, y) = position(i, n);
                // Plain shapes: the list under the picture carries the links.
                view! {
                    <circle cx=x cy=y r="18" class=format!("node band-{}", l.band)/>
                    <text x=x y=y + 34.0 text-anchor="middle" class="node-label">{l.full_name}</text>
                }
            }).collect_view()}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_node_sits_at_the_top_and_nodes_spread_around() {
        let (x, y) = position(0, 4);
        assert!((x - SIZE / 2.0).abs() < 1e-9 && (y - (SIZE / 2.0 - RADIUS)).abs() < 1e-9);
        let (x2, _) = position(1, 4);
        assert!((x2 - (SIZE / 2.0 + RADIUS)).abs() < 1e-9);
    }
}
