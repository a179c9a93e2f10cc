//! The sides that hold places (`data/sides.csv`): the LNA and the GNA, each with the forces
//! aligned with it, and the names other datasets give them, so that an ACLED export's
//! "Military Forces of Libya (2014-) Libyan National Army" and frontline's
//! "LNA: Libyan National Army (Haftar)" hold for one side.
//!
//! An actor no side lists is a side of its own: control is never guessed from an alliance
//! nobody wrote down.

use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::text::fold;
use std::path::Path;

/// The columns of a sides file, in order.
pub const COLUMNS: [&str; 5] = ["side", "short", "name_ar", "color", "aliases"];

/// Colour of a side no file names (an unaligned actor).
pub const UNALIGNED_COLOR: &str = "#8c8c8c";

/// One side of the war.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// The canonical actor name (`data/lexicon/actors.tsv`), e.g. `GNA: Government of
    /// National Accord`.
    pub name: String,
    /// A short label for tables and charts, e.g. `GNA`.
    pub short: String,
    /// Arabic name.
    pub name_ar: String,
    /// Colour of its areas, `#rrggbb`.
    pub color: String,
    /// The aligned forces and other datasets' names for it, as written.
    pub aliases: Vec<String>,
    /// Every name folded, the side's own first.
    keys: Vec<String>,
}

impl Side {
    /// A side for an actor no file lists: its own name, grey.
    pub fn unaligned(name: &str) -> Side {
        Side {
            name: name.to_string(),
            short: name.split(':').next().unwrap_or(name).trim().to_string(),
            name_ar: String::new(),
            color: UNALIGNED_COLOR.to_string(),
            aliases: Vec::new(),
            keys: vec![fold(name)],
        }
    }
}

/// The sides of a data folder, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sides {
    /// Every side.
    pub sides: Vec<Side>,
}

impl Sides {
    /// Reads a sides file; a data folder without one has no aligned sides. Every bad row is
    /// reported with its line and field.
    pub fn load(path: &Path) -> Result<Sides, Error> {
        if !path.exists() {
            return Ok(Sides::default());
        }
        let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
        Sides::parse(path, &text)
    }

    /// Reads the text of a sides file named `path` (for messages).
    pub fn parse(path: &Path, text: &str) -> Result<Sides, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map(|h| h.iter().map(|c| c.trim().to_string()).collect())
            .unwrap_or_default();
        if header != COLUMNS {
            return Err(Error::invalid(Diagnostic::field(
                &Origin::at(path, 1),
                "header",
                &header.join(","),
                format!("the columns {}", COLUMNS.join(",")),
            )));
        }
        let mut problems = Vec::new();
        let mut sides: Vec<Side> = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    problems.push(Diagnostic::record(
                        &Origin::at(path, line),
                        format!("a CSV row ({e})"),
                    ));
                    continue;
                }
            };
            let origin = Origin::at(path, record.position().map_or(0, |p| p.line()));
            let field = |i: usize| record.get(i).unwrap_or("").trim();
            let name = field(0);
            if name.is_empty() {
                problems.push(Diagnostic::field(
                    &origin,
                    "side",
                    "",
                    "the side's canonical actor name, e.g. GNA: Government of National Accord",
                ));
                continue;
            }
            if sides.iter().any(|s| s.name == name) {
                problems.push(Diagnostic::field(
                    &origin,
                    "side",
                    name,
                    "a side no other row names",
                ));
                continue;
            }
            let color = field(3);
            let is_color = color.len() == 7
                && color.starts_with('#')
                && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
            if !is_color {
                problems.push(Diagnostic::field(
                    &origin,
                    "color",
                    color,
                    "a colour #rrggbb",
                ));
                continue;
            }
            let aliases: Vec<String> = field(4)
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            let keys = std::iter::once(name)
                .chain(aliases.iter().map(String::as_str))
                .map(fold)
                .filter(|k| !k.is_empty())
                .collect();
            let short = if field(1).is_empty() { name } else { field(1) };
            sides.push(Side {
                name: name.to_string(),
                short: short.to_string(),
                name_ar: field(2).to_string(),
                color: color.to_string(),
                aliases,
                keys,
            });
        }
        if problems.is_empty() {
            Ok(Sides { sides })
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// The side an actor fights for: the side whose name or alias it is, or whose name or
    /// alias it holds as whole words (ACLED's "Military Forces of Libya (2016-) Government
    /// of National Accord"). The longest matching name wins, so an alias inside another
    /// side's longer name does not capture it.
    ///
    /// # Examples
    /// ```
    /// use frontline::control::sides::Sides;
    /// use std::path::Path;
    /// let sides = Sides::parse(Path::new("sides.csv"), "side,short,name_ar,color,aliases\n\
    ///     GNA: Government of National Accord,GNA,,#2f6fad,Government of National Accord\n").unwrap();
    /// let acled = "Military Forces of Libya (2016-) Government of National Accord";
    /// assert_eq!(sides.side_of(acled).map(|s| s.short.as_str()), Some("GNA"));
    /// assert!(sides.side_of("Tebu Ethnic Militia (Libya)").is_none());
    /// ```
    pub fn side_of(&self, actor: &str) -> Option<&Side> {
        let folded = fold(actor);
        if folded.is_empty() {
            return None;
        }
        self.sides
            .iter()
            .flat_map(|s| s.keys.iter().map(move |k| (s, k)))
            .filter(|(_, k)| **k == folded || contains_words(&folded, k))
            .max_by_key(|(_, k)| k.len())
            .map(|(s, _)| s)
    }

    /// The side named exactly (its canonical name or short label).
    pub fn get(&self, name: &str) -> Option<&Side> {
        self.sides
            .iter()
            .find(|s| s.name == name || s.short == name)
    }

    /// The side to show for a name: the file's, else an unaligned side of that name.
    pub fn display(&self, name: &str) -> Side {
        self.get(name)
            .cloned()
            .unwrap_or_else(|| Side::unaligned(name))
    }
}

/// Whether `needle` appears in `haystack` as whole words (both folded).
fn contains_words(haystack: &str, needle: &str) -> bool {
    !needle.is_empty()
        && haystack.match_indices(needle).any(|(at, _)| {
            let before = haystack[..at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Sides {
        Sides::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sides.csv")).unwrap()
    }

    #[test]
    fn every_dataset_names_its_side() {
        let sides = shipped();
        for (actor, short) in [
            ("LNA: Libyan National Army (Haftar)", "LNA"),
            (
                "Military Forces of Libya (2014-) Libyan National Army",
                "LNA",
            ),
            ("Forces of the House of Representatives", "LNA"),
            ("Kaniyat Militia", "LNA"),
            ("GNA: Government of National Accord", "GNA"),
            (
                "Military Forces of Libya (2016-) Government of National Accord",
                "GNA",
            ),
            ("Government of Libya", "GNA"),
            ("Volcano of Rage Operation", "GNA"),
            ("South Protection Force", "GNA"),
        ] {
            assert_eq!(
                sides.side_of(actor).map(|s| s.short.as_str()),
                Some(short),
                "{actor}"
            );
        }
        for unaligned in [
            "Tebu Ethnic Militia (Libya)",
            "Bani Walid Protection Force",
            "",
        ] {
            assert!(sides.side_of(unaligned).is_none(), "{unaligned}");
        }
        assert_eq!(
            sides.display("Tebu Ethnic Militia (Libya)").color,
            UNALIGNED_COLOR
        );
    }

    #[test]
    fn bad_rows_are_all_reported() {
        let text = "side,short,name_ar,color,aliases\n,X,,#000000,\nA,A,,blue,\nB,B,,#000000,\nB,B,,#000000,\n";
        let Err(Error::Invalid(problems)) = Sides::parse(Path::new("sides.csv"), text) else {
            panic!("expected problems");
        };
        let fields: Vec<_> = problems
            .iter()
            .map(|p| (p.origin.line, p.field.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            fields,
            [
                (Some(2), "side".to_string()),
                (Some(3), "color".to_string()),
                (Some(5), "side".to_string())
            ]
        );
    }
}
