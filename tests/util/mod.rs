//! A small harness for binary tests: run the built `frontline` in a scratch folder
//! (ripgrep's `tests/util.rs`, xsv's `tests/workdir.rs`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `data/` and `output/` live.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder that holds a copy of the shipped data, removed when dropped.
pub struct Workdir {
    pub dir: tempfile::TempDir,
}

impl Default for Workdir {
    /// An empty scratch folder.
    fn default() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }
}

impl Workdir {
    /// A scratch folder with `data/` copied from the repository.
    pub fn with_data() -> Workdir {
        let w = Workdir::default();
        copy_dir(&repo().join("data"), &w.path().join("data"));
        w
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `frontline ARGS…` in the scratch folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("the frontline binary runs")
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Whether an outside program is on PATH. Outside CI a missing one skips its test with a
/// printed reason; in CI (CI=true) it fails the test, since `.ci/run` installs it.
pub fn have_tool(program: &str, why: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{program} is missing in CI; .ci/run must install it ({why})");
        }
        eprintln!("skipped: {program} is not installed ({why}); .ci/run installs it");
    }
    found
}

/// Whether a file an outside tool needs is there (an npm package, say). Outside CI a
/// missing one skips its test with a printed reason; in CI it fails, as for `have_tool`.
pub fn have_path(path: &Path, why: &str) -> bool {
    let found = path.exists();
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "{} is missing in CI; .ci/run must install it ({why})",
                path.display()
            );
        }
        eprintln!(
            "skipped: {} is not there ({why}); .ci/run installs it",
            path.display()
        );
    }
    found
}

/// How many events the shipped data holds, counted from its files (rows of every CSV and
/// objects of every JSON under `data/events/`), so tests follow the data as it grows.
pub fn shipped_events() -> usize {
    let mut total = 0;
    for entry in std::fs::read_dir(repo().join("data/events")).unwrap() {
        let path = entry.unwrap().path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => total += csv::Reader::from_path(&path).unwrap().records().count(),
            Some("json") => {
                let text = std::fs::read_to_string(&path).unwrap();
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                total += value.as_array().map_or(0, Vec::len);
            }
            _ => {}
        }
    }
    total
}

/// Runs headless Chromium on a page with the flags every test uses (no sandbox, GPU,
/// network chatter or first-run work, a fresh profile), a 1200 × 900 window unless `args`
/// gives `--window-size`, and `args` after them.
pub fn chromium(args: &[&str], page: &Path) -> Output {
    chromium_at(args, &format!("file://{}", page.display()))
}

/// [`chromium`] on an address (a page a test's server serves).
pub fn chromium_at(args: &[&str], url: &str) -> Output {
    let profile = tempfile::tempdir().expect("a temporary profile folder");
    let mut command = Command::new("chromium");
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ]);
    if !args.iter().any(|a| a.starts_with("--window-size=")) {
        command.arg("--window-size=1200,900");
    }
    command
        .args(args)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .expect("chromium runs")
}

/// Draws a page to a PNG with headless Chromium.
pub fn screenshot(page: &Path, png: &Path, size: (u32, u32)) -> Output {
    let window = format!("--window-size={},{}", size.0, size.1);
    let target = format!("--screenshot={}", png.display());
    chromium(&[&window, &target], page)
}

/// The DOM of a page after its scripts ran, as headless Chromium dumps it; `budget_ms` of
/// virtual time runs the page's timers without waiting for them in real time.
pub fn dump_dom(page: &Path, budget_ms: u32) -> Output {
    let budget = format!("--virtual-time-budget={budget_ms}");
    chromium(&[&budget, "--dump-dom"], page)
}

/// Checks that `xml` is a well-formed XML document as far as frontline's writers can get
/// it wrong: only characters XML 1.0 allows (§2.2), `&` only in the five predefined
/// entities or character references, quoted attributes, and one root element whose every
/// element is closed in order.
pub fn assert_well_formed_xml(name: &str, xml: &str) {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c >= '\u{10000}'
    };
    if let Some((at, c)) = xml.char_indices().find(|(_, c)| !allowed(*c)) {
        panic!(
            "{name}: U+{:04X} at byte {at} is not allowed in XML",
            c as u32
        );
    }
    for (at, _) in xml.match_indices('&') {
        let entity = &xml[at..xml[at..].find(';').map_or(xml.len(), |e| at + e + 1)];
        let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity)
            || entity.strip_prefix("&#x").is_some_and(|h| {
                h.len() > 1 && h[..h.len() - 1].chars().all(|c| c.is_ascii_hexdigit())
            })
            || entity.strip_prefix("&#").is_some_and(|d| {
                d.len() > 1 && d[..d.len() - 1].chars().all(|c| c.is_ascii_digit())
            });
        assert!(known, "{name}: a bare & at byte {at}: {entity:.20}");
    }
    let trimmed = xml.trim();
    let mut open: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = trimmed;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let skip_to = |end: &str| -> usize {
            rest.find(end)
                .unwrap_or_else(|| panic!("{name}: unclosed {end}"))
                + end.len()
        };
        if rest.starts_with("<?") {
            rest = &rest[skip_to("?>")..];
            continue;
        }
        if rest.starts_with("<!--") {
            rest = &rest[skip_to("-->")..];
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            rest = &rest[skip_to("]]>")..];
            continue;
        }
        // The end of the tag is the first `>` outside a quoted attribute value.
        let mut quote = None;
        let end = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| match quote {
                Some(q) if c == q => {
                    quote = None;
                    false
                }
                Some(_) => {
                    assert!(c != '<', "{name}: `<` inside an attribute value");
                    false
                }
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    false
                }
                None => c == '>',
            })
            .map(|(j, _)| j)
            .unwrap_or_else(|| panic!("{name}: a tag is not closed"));
        let tag = &rest[1..end];
        if let Some(closing) = tag.strip_prefix('/') {
            let expected = open.pop();
            assert_eq!(
                expected.as_deref(),
                Some(closing.trim()),
                "{name}: </{closing}> closes the wrong element"
            );
        } else {
            let mut parts = tag.trim_end_matches('/').split_whitespace();
            let element = parts.next().unwrap_or("").to_string();
            assert!(!element.is_empty(), "{name}: a tag without a name");
            for attribute in tag.trim_end_matches('/')[element.len()..]
                .split('"')
                .step_by(2)
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                assert!(
                    attribute.ends_with('='),
                    "{name}: <{element}> has an unquoted attribute {attribute:?}"
                );
            }
            if open.is_empty() {
                roots += 1;
            }
            if !tag.ends_with('/') {
                open.push(element);
            }
        }
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "{name}: {open:?} left open");
    assert_eq!(roots, 1, "{name}: one root element");
}
