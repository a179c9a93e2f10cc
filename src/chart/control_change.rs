//! `charts/control-change.svg`: the ground each side gained and lost per period, in km²:
//! a bar up for the ground gained and a bar down for the ground lost, side by side for
//! each side, one group per period. Drawn with plotters' elements on the chart page; the
//! numbers are `control --every month --change`'s rows summed over fronts.

use super::fonts::text_width;
use super::frame::{self, MARGIN, WIDTH};
use super::legend::{self, LegendItem, Swatch};
use super::page::{self, Drawn};
use super::palette::{rgb, GRID, MUTED};
use super::text::{text, Align, TextStyle};
use super::ChartOptions;
use crate::control::areas::CONTESTED;
use crate::control::layer::CONTESTED_COLOR;
use crate::control::movement::{Gain, ALL_FRONTS};
use crate::control::sides::Sides;
use plotters::element::{PathElement, Rectangle};
use plotters::style::Color;

const TITLE: &str = "Ground gained and lost each month, by side";
const TITLE_AR: &str = "المساحات المكتسبة والمفقودة شهريا حسب الطرف";
const PLOT_HEIGHT: f64 = 360.0;

/// Renders the sums over fronts of `gains` as SVG text.
pub fn render(gains: &[Gain], sides: &Sides, options: &ChartOptions) -> String {
    let title = options.title.as_deref().unwrap_or(TITLE);
    let totals: Vec<&Gain> = gains.iter().filter(|g| g.front == ALL_FRONTS).collect();
    let mut periods: Vec<_> = totals.iter().map(|g| g.period).collect();
    periods.sort_unstable();
    periods.dedup();
    let mut classes: Vec<&str> = totals.iter().map(|g| g.class.as_str()).collect();
    classes.sort_by_key(|c| {
        (
            sides
                .sides
                .iter()
                .position(|s| s.name == *c)
                .unwrap_or(usize::MAX),
            *c,
        )
    });
    classes.dedup();
    let peak = totals
        .iter()
        .skip_while(|g| periods.first() == Some(&g.period))
        .map(|g| g.gained_km2.max(g.lost_km2))
        .fold(1000.0, f64::max);
    let step = nice_step(peak);
    let top_value = (peak / step).ceil() * step;

    let top = frame::heading_height(title, TITLE_AR) + 10.0;
    let left = MARGIN + 70.0;
    let right = WIDTH - MARGIN;
    let zero = top + PLOT_HEIGHT / 2.0;
    let scale = (PLOT_HEIGHT / 2.0) / top_value;
    let items: Vec<LegendItem> = classes
        .iter()
        .map(|c| LegendItem {
            color: color(c, sides),
            swatch: Swatch::Square,
            name: if *c == CONTESTED {
                "Contested places".to_string()
            } else {
                format!("{}: up gained, down lost", sides.display(c).short)
            },
            name_ar: if *c == CONTESTED {
                "متنازع عليه".to_string()
            } else {
                sides.display(c).name_ar
            },
            count: None,
        })
        .collect();
    let legend_top = zero + PLOT_HEIGHT / 2.0 + 46.0;
    let credit_top = legend_top + legend::headed_legend_height(&items) + 14.0;
    let height = credit_top + frame::credit_height(&options.credit);
    let canvas = page::page(WIDTH as u32, height.ceil() as u32);
    page::expect_drawn((|| -> Drawn {
        frame::heading(
            &canvas,
            title,
            TITLE_AR,
            "km² of the derived areas of control (docs/control.md) each side held at a month's end and not at the end of the month before (up), or the reverse (down); the first month is left out.",
        )?;
        let grid = rgb(GRID);
        let mut value = -top_value;
        while value <= top_value + 1e-9 {
            let y = (zero - value * scale).round() as i32;
            canvas.area.draw(&PathElement::new(
                vec![(left as i32, y), (right as i32, y)],
                if value == 0.0 {
                    rgb("#555555").stroke_width(1)
                } else {
                    grid.stroke_width(1)
                },
            ))?;
            let label = format!("{}", (value.abs()).round());
            text(
                &canvas,
                left - 8.0,
                f64::from(y) + 4.0,
                &label,
                TextStyle::new(11.0).fill(MUTED).align(Align::Right),
            )?;
            value += step;
        }
        text(
            &canvas,
            MARGIN,
            zero - PLOT_HEIGHT / 4.0,
            "gained",
            TextStyle::new(11.0).fill(MUTED),
        )?;
        text(
            &canvas,
            MARGIN,
            zero + PLOT_HEIGHT / 4.0,
            "lost",
            TextStyle::new(11.0).fill(MUTED),
        )?;
        let shown: Vec<_> = periods.iter().skip(1).collect();
        let slot = (right - left) / shown.len().max(1) as f64;
        let bar = (slot * 0.8 / classes.len().max(1) as f64).min(18.0);
        for (k, period) in shown.iter().enumerate() {
            let x0 = left + slot * k as f64 + (slot - bar * classes.len() as f64) / 2.0;
            for (j, class) in classes.iter().enumerate() {
                let Some(g) = totals
                    .iter()
                    .find(|g| g.period == **period && g.class == *class)
                else {
                    continue;
                };
                let x = x0 + bar * j as f64;
                let fill = rgb(&color(class, sides));
                canvas.markup.open_titled(
                    &[
                        ("data-period", &period.start.to_string()),
                        ("data-side", class),
                    ],
                    &format!(
                        "{} {}: gained {:.0} km², lost {:.0} km²",
                        period.start.format("%B %Y"),
                        class,
                        g.gained_km2,
                        g.lost_km2
                    ),
                );
                let up = zero - g.gained_km2 * scale;
                let down = zero + g.lost_km2 * scale;
                canvas.area.draw(&Rectangle::new(
                    [
                        (x.round() as i32, up.round() as i32),
                        ((x + bar - 1.0).round() as i32, zero.round() as i32),
                    ],
                    fill.filled(),
                ))?;
                canvas.area.draw(&Rectangle::new(
                    [
                        (x.round() as i32, zero.round() as i32),
                        ((x + bar - 1.0).round() as i32, down.round() as i32),
                    ],
                    fill.mix(0.55).filled(),
                ))?;
                canvas.markup.close();
            }
            let label = period.start.format("%b %Y").to_string();
            let cx = left + slot * (k as f64 + 0.5);
            if text_width(&label, 10.5, false) < slot * 2.0 || k % 2 == 0 {
                text(
                    &canvas,
                    cx,
                    zero + PLOT_HEIGHT / 2.0 + 18.0,
                    &label,
                    TextStyle::new(10.5).fill(MUTED).align(Align::Center),
                )?;
            }
        }
        legend::headed_legend(&canvas, ("Sides", "الأطراف"), &items, legend_top)?;
        frame::credit(&canvas, &options.credit, credit_top)
    })());
    canvas.finish(title)
}

fn color(class: &str, sides: &Sides) -> String {
    if class == CONTESTED {
        CONTESTED_COLOR.to_string()
    } else {
        sides.display(class).color
    }
}

/// A round step for the value axis: 1, 2 or 5 times a power of ten, about a quarter of the
/// peak.
fn nice_step(peak: f64) -> f64 {
    let rough = peak / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(power * 10.0)
}
