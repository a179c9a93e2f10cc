//! The charts `build` writes are real SVG that a browser renders: headless Chromium draws
//! each to a PNG, and the SVG text carries its title, legend and credit.

mod util;

use util::{have_tool, screenshot, Workdir};

const CHARTS: [&str; 3] = ["events-by-front.svg", "timeline.svg", "map.svg"];

#[test]
fn each_chart_has_a_title_a_legend_arabic_text_and_the_credit() {
    let w = Workdir::with_data();
    assert!(w.run(&["build"]).status.success());
    for chart in CHARTS {
        let svg = w.read(&format!("output/charts/{chart}"));
        assert!(
            svg.starts_with("<svg") || svg.starts_with("<?xml"),
            "{chart}"
        );
        assert!(
            svg.contains("<title") || svg.contains("class=\"title\""),
            "{chart} has a title"
        );
        assert!(svg.contains("GeoNames"), "{chart} credits GeoNames");
        assert!(
            svg.contains("Ain Zara") && svg.contains("عين زارة"),
            "{chart} names fronts in English and Arabic"
        );
        assert!(
            svg.contains("direction=\"rtl\""),
            "{chart} sets Arabic right-to-left"
        );
    }
    let timeline = w.read("output/charts/timeline.svg");
    for key in [
        "LNA offensive on Tripoli begins",
        "AFRICOM withdraws US forces",
        "US forces back in Tripoli",
        "أفريكوم تسحب القوات الأميركية",
    ] {
        assert!(timeline.contains(key), "timeline annotates {key}");
    }
}

#[test]
fn chromium_renders_each_chart() {
    if !have_tool("chromium", "headless Chromium renders the SVG charts") {
        return;
    }
    let w = Workdir::with_data();
    assert!(w.run(&["build"]).status.success());
    for chart in CHARTS {
        let svg = w.path().join("output/charts").join(chart);
        let png = w.path().join(format!("{chart}.png"));
        let out = screenshot(&svg, &png, (1200, 900));
        let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
        assert!(
            size > 20_000,
            "{chart}: Chromium drew {size} bytes\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
