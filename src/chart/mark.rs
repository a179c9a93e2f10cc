//! The marks of events: a shape per ACLED event type, drawn by plotters as an element
//! composed at a data coordinate, with offsets and sizes in px.

use super::page::Page;
use crate::event::ClaimStatus;
use plotters::element::{Circle, DynElement, EmptyElement, IntoDynElement, Polygon};
use plotters::style::{Color, RGBColor, ShapeStyle};

/// How an event's mark shows its claim: filled when confirmed, hollow when one side claims
/// it, hollow and dashed when it is disputed (the dash comes from the mark's group).
pub fn claim_style(color: RGBColor, status: ClaimStatus) -> ShapeStyle {
    match status {
        ClaimStatus::Confirmed => color.filled(),
        ClaimStatus::Claimed | ClaimStatus::Disputed => ShapeStyle::from(color).stroke_width(2),
    }
}

/// The attributes of the group around a mark of this claim status: its status for
/// readers of the SVG, and the dash of a disputed mark's outline.
pub fn claim_attributes(status: ClaimStatus) -> Vec<(&'static str, &'static str)> {
    match status {
        ClaimStatus::Confirmed => Vec::new(),
        ClaimStatus::Claimed => vec![("data-claim", "claimed")],
        ClaimStatus::Disputed => vec![("data-claim", "disputed"), ("stroke-dasharray", DASH)],
    }
}

/// The dash of a disputed mark's outline.
const DASH: &str = "3 2";

/// The shape of an event's mark, by ACLED event type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// Battles.
    Circle,
    /// Explosions/Remote violence.
    Diamond,
    /// Violence against civilians.
    Triangle,
    /// Strategic developments.
    Square,
    /// Protests and riots.
    Cross,
}

impl Shape {
    /// The shape for an ACLED event type (ACLED Codebook 2023, §event types).
    pub fn for_event_type(event_type: &str) -> Shape {
        match event_type {
            "Battles" => Shape::Circle,
            "Explosions/Remote violence" => Shape::Diamond,
            "Violence against civilians" => Shape::Triangle,
            "Protests" | "Riots" => Shape::Cross,
            _ => Shape::Square,
        }
    }

    /// English label for legends.
    pub fn label(self) -> &'static str {
        match self {
            Shape::Circle => "Battles",
            Shape::Diamond => "Explosions/Remote violence",
            Shape::Triangle => "Violence against civilians",
            Shape::Square => "Strategic developments",
            Shape::Cross => "Protests and riots",
        }
    }

    /// Arabic label for legends.
    pub fn label_ar(self) -> &'static str {
        match self {
            Shape::Circle => "معارك",
            Shape::Diamond => "انفجارات وعنف عن بعد",
            Shape::Triangle => "عنف ضد المدنيين",
            Shape::Square => "تطورات استراتيجية",
            Shape::Cross => "احتجاجات وأعمال شغب",
        }
    }

    /// The outline of the shape around `(0, 0)` in px, `r` its half-size; `None` for the
    /// circle, which plotters draws as a circle.
    fn outline(self, r: f64) -> Option<Vec<(i32, i32)>> {
        let px = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        match self {
            Shape::Circle => None,
            Shape::Diamond => {
                let s = r * 1.25;
                Some(vec![px(0.0, -s), px(s, 0.0), px(0.0, s), px(-s, 0.0)])
            }
            Shape::Triangle => {
                let s = r * 1.2;
                Some(vec![px(0.0, -s), px(s, s * 0.8), px(-s, s * 0.8)])
            }
            Shape::Square => {
                let s = r * 0.9;
                Some(vec![px(-s, -s), px(s, -s), px(s, s), px(-s, s)])
            }
            Shape::Cross => {
                let (s, t) = (r * 1.1, r * 0.4);
                Some(
                    [
                        (-t, -s),
                        (t, -s),
                        (t, -t),
                        (s, -t),
                        (s, t),
                        (t, t),
                        (t, s),
                        (-t, s),
                        (-t, t),
                        (-s, t),
                        (-s, -t),
                        (-t, -t),
                    ]
                    .into_iter()
                    .map(|(x, y)| px(x, y))
                    .collect(),
                )
            }
        }
    }
}

/// A mark of a shape at a data coordinate, moved by `offset` px, `r` px its half-size.
pub fn mark<C: Clone + 'static>(
    shape: Shape,
    at: C,
    offset: (i32, i32),
    r: f64,
    style: ShapeStyle,
) -> DynElement<'static, Page, C> {
    let (dx, dy) = offset;
    match shape.outline(r) {
        None => (EmptyElement::at(at) + Circle::new((dx, dy), r.round() as u32, style)).into_dyn(),
        Some(points) => {
            let moved: Vec<(i32, i32)> =
                points.into_iter().map(|(x, y)| (x + dx, y + dy)).collect();
            (EmptyElement::at(at) + Polygon::new(moved, style)).into_dyn()
        }
    }
}
