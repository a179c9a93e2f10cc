//! GDAL is the referee: `ogrinfo` reads every GeoJSON layer `build` writes, with its
//! feature count and time fields typed as dates.

mod util;

use std::process::Command;
use util::{have_tool, Workdir};

#[test]
fn ogrinfo_reads_every_layer_with_its_features_and_time_fields() {
    if !have_tool("ogrinfo", "GDAL reads the layers build writes") {
        return;
    }
    let w = Workdir::with_data();
    assert!(w.run(&["build"]).status.success());
    let mut layers = vec![
        w.path().join("output/events.geojson"),
        w.path().join("output/fronts.geojson"),
        w.path().join("output/control.geojson"),
    ];
    for entry in std::fs::read_dir(w.path().join("output/layers")).unwrap() {
        layers.push(entry.unwrap().path());
    }
    layers.sort();
    for path in layers {
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let expected = json["features"].as_array().unwrap().len();
        let out = Command::new("ogrinfo")
            .args(["-ro", "-so", "-al"])
            .arg(&path)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            report.contains(&format!("Feature Count: {expected}")),
            "{}: expected {expected} features\n{report}",
            path.display()
        );
        if expected > 0 {
            assert!(
                report.contains("start_date: DateTime"),
                "{}: start_date is not a DateTime\n{report}",
                path.display()
            );
            assert!(
                report.contains("end_date: DateTime"),
                "{}\n{report}",
                path.display()
            );
        }
        if path.ends_with("events.geojson") {
            assert!(report.contains("Geometry: Point"), "{report}");
            assert!(report.contains("fatalities: Integer"), "{report}");
        }
    }
}
