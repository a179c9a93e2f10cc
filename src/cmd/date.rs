//! `frontline date EXPR --published T`: one time expression, resolved.

use super::Status;
use crate::error::{Error, FlagError};
use crate::event::date::Offset;
use crate::output::Target;
use crate::temporal::{self, DateKind, Lang, TimeExpression};
use clap::ValueEnum;
use serde_json::{json, Map, Value};

/// `frontline date`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The expression, e.g. "الخميس الماضي" or "7 April".
    pub expression: String,
    /// When the text was published: RFC 3339, YYYY-MM-DDTHH:MM or YYYY-MM-DD.
    #[arg(long)]
    pub published: String,
    /// The language of the expression.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DateFormat::Text)]
    pub format: DateFormat,
}

/// The language a text is read as (`date` and `extract`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Arabic.
    Ar,
    /// English.
    En,
    /// Decided from the text's letters.
    Auto,
}

impl LangArg {
    /// The language, or `None` to decide from the text.
    pub fn lang(self) -> Option<Lang> {
        match self {
            LangArg::Ar => Some(Lang::Ar),
            LangArg::En => Some(Lang::En),
            LangArg::Auto => None,
        }
    }
}

/// Output formats of `date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DateFormat {
    /// One line for a person.
    Text,
    /// A JSON object.
    Json,
}

/// Resolves the expression and prints it.
pub fn run(args: Args) -> Result<Status, Error> {
    let text = resolve(&args.expression, &args.published, args.lang, args.format)?;
    let mut out = Target::stdout();
    out.put(text.as_bytes())?;
    out.commit()?;
    Ok(Status::Done)
}

/// The `--published` flag read as a publication time.
pub fn published(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, FlagError> {
    temporal::parse_published(text).map_err(|_| {
        FlagError::new(
            "--published",
            text,
            "a publication time: RFC 3339 (2019-05-01T18:49:00+03:00), YYYY-MM-DDTHH:MM or YYYY-MM-DD",
        )
    })
}

/// Resolves the expression; the text to print, one line ending in a newline.
///
/// JSON is `{"expression", "date_start", "date_end", "time_precision", "kind"}`; for a date
/// counted from another event the dates are null and `offset_days` (or `offset_months`)
/// and `reference` say from what.
pub fn resolve(
    expression: &str,
    published_at: &str,
    lang: LangArg,
    format: DateFormat,
) -> Result<String, Error> {
    let publication = published(published_at)?;
    let lang = lang.lang().unwrap_or_else(|| Lang::detect(expression));
    let found = temporal::resolve(expression, publication.date_naive(), lang).ok_or_else(|| {
        FlagError::new(
            "EXPRESSION",
            expression,
            "a date (\"7 April\", السابع من أبريل), a day counted from publication \
             (yesterday, أمس, الخميس الماضي) or from another event (بعد ثلاثة أيام من …); \
             found no date in it",
        )
    })?;
    let mut out = match format {
        DateFormat::Json => json_object(expression, &found).to_string(),
        DateFormat::Text => text_line(expression, &found),
    };
    out.push('\n');
    Ok(out)
}

/// The JSON object for one resolved expression.
fn json_object(expression: &str, found: &TimeExpression) -> Value {
    let mut out = Map::new();
    out.insert("expression".into(), json!(expression));
    let (start, end, precision) = match &found.interval {
        Some(i) => (
            json!(i.start.to_string()),
            json!(i.end.to_string()),
            i.precision.as_str(),
        ),
        None => (Value::Null, Value::Null, offset_precision(found)),
    };
    out.insert("date_start".into(), start);
    out.insert("date_end".into(), end);
    out.insert("time_precision".into(), json!(precision));
    out.insert("kind".into(), json!(found.kind.as_str()));
    if let Some(relative) = &found.relative {
        match relative.offset {
            Offset::Days(n) => out.insert("offset_days".into(), json!(n)),
            Offset::Months(n) => out.insert("offset_months".into(), json!(n)),
        };
        let reference = expression
            .get(relative.reference.clone())
            .unwrap_or_default();
        out.insert("reference".into(), json!(reference));
    }
    Value::Object(out)
}

/// A date counted from another event is as precise as its offset's unit.
fn offset_precision(found: &TimeExpression) -> &'static str {
    match found.relative.as_ref().map(|r| r.offset) {
        Some(Offset::Months(n)) if n % 12 == 0 => "year",
        Some(Offset::Months(_)) => "month",
        _ => "day",
    }
}

/// One line for a person: `"أمس" → 2019-04-30 (day, relative_to_publication)`.
fn text_line(expression: &str, found: &TimeExpression) -> String {
    let words = expression.get(found.span.clone()).unwrap_or(expression);
    let dateline = if found.dateline {
        ", in a dateline"
    } else {
        ""
    };
    match (&found.interval, &found.relative) {
        (Some(i), _) if i.start == i.end => {
            format!(
                "{words:?} → {} ({}, {}{dateline})",
                i.start, i.precision, found.kind
            )
        }
        (Some(i), _) => format!(
            "{words:?} → {} to {} ({}, {}{dateline})",
            i.start, i.end, i.precision, found.kind
        ),
        (None, Some(r)) => {
            let distance = match r.offset {
                Offset::Days(n) => format!("{n:+} days"),
                Offset::Months(n) => format!("{n:+} months"),
            };
            let reference = expression.get(r.reference.clone()).unwrap_or_default();
            format!(
                "{words:?} → {distance} from {reference:?} ({})",
                DateKind::RelativeToOtherEvent
            )
        }
        (None, None) => format!("{words:?} → ({})", found.kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_json_fields_in_order() {
        let out = resolve(
            "7 April 2019",
            "2019-05-01T18:49:00+03:00",
            LangArg::En,
            DateFormat::Json,
        )
        .unwrap();
        assert!(out.ends_with('\n'));
        assert_eq!(
            out.trim_end(),
            r#"{"expression":"7 April 2019","date_start":"2019-04-07","date_end":"2019-04-07","time_precision":"day","kind":"absolute"}"#
        );
    }

    #[test]
    fn writes_offsets_for_dates_counted_from_another_event() {
        let out = resolve(
            "بعد ثلاثة أيام من بدء الهجوم",
            "2019-05-01",
            LangArg::Auto,
            DateFormat::Json,
        )
        .unwrap();
        assert_eq!(
            out.trim_end(),
            r#"{"expression":"بعد ثلاثة أيام من بدء الهجوم","date_start":null,"date_end":null,"time_precision":"day","kind":"relative_to_other_event","offset_days":3,"reference":"بدء الهجوم"}"#
        );
        let text = resolve(
            "بعد ثلاثة أيام من بدء الهجوم",
            "2019-05-01",
            LangArg::Ar,
            DateFormat::Text,
        )
        .unwrap();
        assert_eq!(
            text.trim_end(),
            r#""بعد ثلاثة أيام من" → +3 days from "بدء الهجوم" (relative_to_other_event)"#
        );
    }

    #[test]
    fn writes_one_line_of_text() {
        let out = resolve("الأيام الماضية", "2019-05-01", LangArg::Ar, DateFormat::Text).unwrap();
        assert_eq!(
            out.trim_end(),
            r#""الأيام الماضية" → 2019-04-24 to 2019-04-30 (week, approximate)"#
        );
        let out = resolve(
            "أمس",
            "2019-05-01T01:00:00+03:00",
            LangArg::Ar,
            DateFormat::Text,
        )
        .unwrap();
        assert_eq!(
            out.trim_end(),
            r#""أمس" → 2019-04-30 (day, relative_to_publication)"#
        );
    }

    #[test]
    fn rejects_a_bad_publication_time_and_an_expression_without_a_date() {
        let Err(Error::Flag(e)) = resolve("أمس", "1 May", LangArg::Ar, DateFormat::Json) else {
            panic!("a bad --published is a flag error");
        };
        let message = e.to_string();
        assert!(
            message.contains("--published") && message.contains("1 May"),
            "{message}"
        );
        let Err(Error::Flag(e)) =
            resolve("قالت مصادر", "2019-05-01", LangArg::Auto, DateFormat::Json)
        else {
            panic!("no date is a flag error");
        };
        let message = e.to_string();
        assert!(message.contains("no date"), "{message}");
    }
}
