//! The Arabic date grammar: calendar dates with Gregorian, Levantine and Maghrebi month
//! names (doubled as in أبريل/نيسان), ordinal and digit days, weekdays, أمس and اليوم,
//! الأسبوع الماضي, الأيام الماضية, منذ يومين, and "بعد ثلاثة أيام من" another event.
//!
//! Words are matched on folded stems (see `token`), so والخميس, بالأمس and إبريل need no
//! spelling of their own. Month names that are also common words (مارس "practised", آب
//! "father", ماي) are only read with something that makes them dates: a day before, a
//! year or الماضي after, a doubled name, شهر before, or a preposition such as في.

use super::calendar::{self, DatePoint, Direction, Unit};
use super::grammar::{self, longest, Ctx, Found, Part, Value};
use super::numbers::{arabic_cardinal, arabic_ordinal_day, arabic_ordinal_unit};
use super::token::Token;
use super::DateKind;
use crate::event::date::DateInterval;
use crate::text::clitics::Reading;
use chrono::{Datelike, Weekday};

/// Which reading of an Arabic word's clitics the grammar takes (see
/// [`crate::text::clitics::strip`]): one whose stem is a word the grammar reads, where
/// - a preposition comes off only with the article (بالأمس, للشهر) or before a unit of
///   time (لعام 2016, ليوم): ب, ل and ك start many words, and باب or لامس are not آب or أمس;
/// - آب (August) is read only whole: once hamza and madda are folded, a clitic makes it
///   أب, father (الأب, وأب, للأب).
pub(crate) fn accepts(r: &Reading<'_>) -> bool {
    known(r.stem)
        && (r.prep.is_none() || r.article || matches!(r.stem, "عام" | "سنه" | "يوم" | "شهر"))
        && (r.is_whole() || r.stem != "اب")
}

/// Whether a folded stem is a word the grammar reads.
fn known(stem: &str) -> bool {
    month_word(stem).is_some()
        || weekday_word(stem).is_some()
        || arabic_cardinal(stem).is_some()
        || arabic_ordinal_unit(stem).is_some()
        || unit_word(stem).is_some()
        || direction_word(stem).is_some()
        || part_word(stem).is_some()
        || matches!(
            stem,
            "امس"
                | "بارحه"
                | "غدا"
                | "ليله"
                | "منذ"
                | "قبل"
                | "بعد"
                | "خلال"
                | "بين"
                | "الي"
                | "حتي"
                | "هذا"
                | "هذه"
                | "وقت"
                | "مرور"
                | "موافق"
                | "نحو"
                | "حوالي"
                | "قرابه"
                | "زهاء"
                | "بضعه"
                | "بضع"
                | "عده"
                | "كانون"
                | "تشرين"
                | "عامي"
                | "يومي"
                | "نفس"
                | "ذات"
                | "تالي"
                | "كلا"
                | "قليله"
                | "صباح"
                | "مساء"
                | "ليل"
                | "فجر"
                | "ظهر"
                | "عصر"
                | "ظهيره"
        )
}

/// The longest Arabic time expression starting at token `i`.
pub(crate) fn at(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let t = ctx.tok(i)?;
    if t.number().is_some() {
        let mut best = grammar::numeric_date(ctx, i, true);
        best = longest(best, range_or_date(ctx, i));
        return longest(best, year_expr(ctx, i));
    }
    if !t.is_word() {
        return None;
    }
    let mut best = range_or_date(ctx, i);
    for pattern in [
        month_expr,
        year_expr,
        weekday_expr,
        deictic,
        period,
        recent_expr,
        ago_expr,
        part_expr,
        earlier_expr,
        daypart_expr,
    ] {
        best = longest(best, pattern(ctx, i));
    }
    best
}

/// A single-word month name: its number and whether the word is also a common word.
fn month_word(stem: &str) -> Option<(u32, bool)> {
    Some(match stem {
        "يناير" | "جانفي" => (1, false),
        "فبراير" | "فيفري" | "شباط" => (2, false),
        "مارس" => (3, true),
        "اذار" => (3, false),
        "ابريل" | "افريل" | "نيسان" => (4, false),
        "مايو" | "ايار" => (5, false),
        "ماي" => (5, true),
        "يونيو" | "يونيه" | "جوان" | "حزيران" => (6, false),
        "يوليو" | "يوليه" | "جويليه" | "يوليوز" | "تموز" => (7, false),
        "اغسطس" | "اوت" | "غشت" => (8, false),
        "اب" => (8, true),
        "سبتمبر" | "شتنبر" | "ايلول" => (9, false),
        "اكتوبر" => (10, false),
        "نوفمبر" | "نونبر" => (11, false),
        "ديسمبر" | "دجنبر" => (12, false),
        _ => return None,
    })
}

fn weekday_word(stem: &str) -> Option<Weekday> {
    Some(match stem {
        "احد" => Weekday::Sun,
        "اثنين" => Weekday::Mon,
        "ثلاثاء" => Weekday::Tue,
        "اربعاء" => Weekday::Wed,
        "خميس" => Weekday::Thu,
        "جمعه" => Weekday::Fri,
        "سبت" => Weekday::Sat,
        _ => return None,
    })
}

/// How many of a unit a word names: one (يوم), two (يومين) or several (أيام).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Count {
    One,
    Two,
    Several,
}

fn unit_word(stem: &str) -> Option<(Unit, Count)> {
    use Count::*;
    Some(match stem {
        "يوم" | "يوما" => (Unit::Day, One),
        "يومين" | "يومان" => (Unit::Day, Two),
        "ايام" => (Unit::Day, Several),
        "اسبوع" | "اسبوعا" => (Unit::Week, One),
        "اسبوعين" | "اسبوعان" => (Unit::Week, Two),
        "اسابيع" => (Unit::Week, Several),
        "شهر" | "شهرا" => (Unit::Month, One),
        "شهرين" | "شهران" => (Unit::Month, Two),
        "اشهر" | "شهور" => (Unit::Month, Several),
        "عام" | "عاما" | "سنه" => (Unit::Year, One),
        "عامين" | "عامان" | "سنتين" | "سنتان" => (Unit::Year, Two),
        "اعوام" | "سنوات" | "سنين" => (Unit::Year, Several),
        "ساعه" => (Unit::Hour, One),
        "ساعتين" | "ساعتان" => (Unit::Hour, Two),
        "ساعات" => (Unit::Hour, Several),
        _ => return None,
    })
}

/// Which way a word after a period points: الماضي, المقبل or الجاري.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Past,
    Next,
    Current,
}

fn direction_word(stem: &str) -> Option<Way> {
    Some(match stem {
        "ماضي" | "ماضيه" | "ماضيين" | "منصرم" | "منصرمه" | "فايت" | "فايته" | "اخير" | "اخيره"
        | "اخيرين" | "سابق" | "سابقه" => Way::Past,
        "مقبل" | "مقبله" | "قادم" | "قادمه" => Way::Next,
        "جاري" | "جاريه" | "حالي" | "حاليه" => Way::Current,
        _ => return None,
    })
}

fn part_word(stem: &str) -> Option<Part> {
    Some(match stem {
        "مطلع" | "بدايه" | "اوايل" => Part::Early,
        "منتصف" | "اواسط" => Part::Middle,
        "نهايه" | "اواخر" | "اخر" => Part::Late,
        _ => return None,
    })
}

/// The direction word (with its article) at `i`.
fn way_at(ctx: &Ctx<'_>, i: usize) -> Option<Way> {
    ctx.word(i)
        .filter(|t| t.article && !t.prep)
        .and_then(|t| direction_word(t.stem()))
}

fn is_norm(ctx: &Ctx<'_>, i: usize, words: &[&str]) -> bool {
    ctx.word(i)
        .is_some_and(|t| words.contains(&t.norm.as_str()))
}

/// A month name of one or two words (كانون الثاني) at `i`: month, next index, ambiguous.
fn month_name(ctx: &Ctx<'_>, i: usize) -> Option<(u32, usize, bool)> {
    let t = ctx.word(i).filter(|t| !t.prep)?;
    if let Some((m, ambiguous)) = month_word(t.stem()) {
        return Some((m, i + 1, ambiguous));
    }
    let second = ctx
        .word(i + 1)
        .filter(|n| !n.conj && !n.prep)
        .map(Token::stem);
    let m = match (t.stem(), second?) {
        ("كانون", "ثاني") => 1,
        ("كانون", "اول") => 12,
        ("تشرين", "اول") => 10,
        ("تشرين", "ثاني") => 11,
        _ => return None,
    };
    Some((m, i + 2, false))
}

/// A month name, maybe doubled in another calendar (أبريل/نيسان, مارس/ آذار, نيسان
/// (أبريل)): month, next index, ambiguous, doubled.
fn month_spec(ctx: &Ctx<'_>, i: usize) -> Option<(u32, usize, bool, bool)> {
    let (m, next, ambiguous) = month_name(ctx, i)?;
    let open = ctx.punct(next, '(');
    if open || ctx.punct(next, '/') || ctx.punct(next, '-') {
        if let Some((m2, after, ambiguous2)) = month_name(ctx, next + 1) {
            if m2 == m {
                let end = if open && ctx.punct(after, ')') {
                    after + 1
                } else {
                    after
                };
                return Some((m, end, ambiguous && ambiguous2, true));
            }
        }
    }
    Some((m, next, ambiguous, false))
}

/// After a month: a year (", عام 2019", "2019م") or a direction (الماضي, المقبل).
fn year_or_way(ctx: &Ctx<'_>, j: usize) -> (Option<i32>, Direction, usize) {
    let k = ctx.skip_comma(j);
    let k = if ctx.stem_in(k, &["عام", "سنه"]) {
        k + 1
    } else {
        k
    };
    if let Some((y, next)) = grammar::year_at(ctx, k) {
        return (Some(y), Direction::OnOrBefore, next);
    }
    match way_at(ctx, j) {
        Some(Way::Past) => (None, Direction::Before, j + 1),
        Some(Way::Next) => (None, Direction::After, j + 1),
        Some(Way::Current) => (None, Direction::OnOrBefore, j + 1),
        None => (None, Direction::OnOrBefore, j),
    }
}

/// A day of the month: digits or an ordinal word.
fn day_at(ctx: &Ctx<'_>, i: usize) -> Option<(u32, usize)> {
    if let Some(d) = grammar::day_number(ctx, i) {
        return Some((d, i + 1));
    }
    arabic_ordinal_day(ctx.tokens, i)
}

/// A day and month: "7 أبريل", "السابع من أبريل/نيسان 2019", "19يناير2020".
fn day_point(ctx: &Ctx<'_>, i: usize) -> Option<(DatePoint, usize)> {
    let (day, mut j) = day_at(ctx, i)?;
    if is_norm(ctx, j, &["من"]) {
        j += 1;
    }
    if ctx.word(j).is_some_and(|t| t.stem() == "شهر" && !t.article) {
        j += 1;
    }
    if let Some((month, after, _, _)) = month_spec(ctx, j) {
        let (year, direction, end) = year_or_way(ctx, after);
        let point = DatePoint {
            day: Some(day),
            month,
            year,
            direction,
        };
        return Some((point, end));
    }
    // "الرابع من الشهر الجاري", "العاشر من هذا الشهر", "15 من الشهر الماضي".
    let this = ctx.stem_in(j, &["هذا"]);
    let at = if this { j + 1 } else { j };
    ctx.word(at)
        .filter(|t| t.article && !t.prep && t.stem() == "شهر")?;
    let (way, end) = if this {
        (Way::Current, at + 1)
    } else {
        (way_at(ctx, at + 1)?, at + 2)
    };
    let month = relative_period(ctx, Unit::Month, way)?.start;
    let point = DatePoint {
        day: Some(day),
        month: month.month(),
        year: Some(month.year()),
        direction: Direction::OnOrBefore,
    };
    Some((point, end))
}

/// A date, or a range of days: "بين 20 و30 يونيو", "من 19 إلى 23 أكتوبر", "يومي 28 و29
/// سبتمبر", "19-23 أكتوبر 2020", "من 28 سبتمبر إلى 2 أكتوبر".
fn range_or_date(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let lead = ctx.word(i).map(|t| t.norm.as_str());
    let (needs, j) = match lead {
        Some("بين") => (Some(&["و"][..]), i + 1),
        Some("من") => (Some(&["الي", "حتي", "-"][..]), i + 1),
        Some("يومي") => (Some(&["و"][..]), i + 1),
        Some(_) if ctx.word(i).is_some_and(|t| t.stem() == "يومي") => (Some(&["و"][..]), i + 1),
        _ => (None, i),
    };
    let single = day_point(ctx, j);
    if needs.is_none() {
        // "7 أبريل و10 مايو" names two days, not the days between them.
        let joined_by_and = single.is_some_and(|(_, end)| is_norm(ctx, end, &["و"]));
        if !joined_by_and {
            if let Some(r) = day_range(ctx, i, j, &["و", "الي", "حتي", "-"], single) {
                return Some(r);
            }
        }
        let (p, end) = single?;
        return Some(Found::dates(
            i,
            end,
            calendar::point(p, ctx.published)?,
            DateKind::Absolute,
        ));
    }
    day_range(ctx, i, j, needs?, single)
}

fn day_range(
    ctx: &Ctx<'_>,
    start: usize,
    j: usize,
    connectors: &[&str],
    single: Option<(DatePoint, usize)>,
) -> Option<Found> {
    let (first, after_first) = match single {
        Some((p, end)) => (Some(p), end),
        None => {
            let (_, end) = day_at(ctx, j)?;
            (None, end)
        }
    };
    let c = ctx.tok(after_first)?;
    let connected = if c.is_punct('-') {
        connectors.contains(&"-")
    } else {
        c.is_word() && connectors.contains(&c.norm.as_str())
    };
    if !connected {
        return None;
    }
    let (second, end) = day_point(ctx, after_first + 1)?;
    let first = match first {
        Some(p) => p,
        None => DatePoint {
            day: Some(day_at(ctx, j)?.0),
            ..second
        },
    };
    let interval = calendar::range(first, second, ctx.published)?;
    Some(Found::dates(start, end, interval, DateKind::Absolute))
}

/// A month without a day: "أبريل الماضي", "مارس/ آذار الماضي", "شهر مارس", "أبريل 2019".
fn month_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let shahr = ctx.word(i).is_some_and(|t| t.stem() == "شهر" && !t.article);
    let j = if shahr { i + 1 } else { i };
    let (month, after, ambiguous, doubled) = month_spec(ctx, j)?;
    let (year, direction, end) = year_or_way(ctx, after);
    let after_preposition = i.checked_sub(1).is_some_and(|p| {
        ctx.stem_in(p, &["في", "خلال", "منذ", "حتي", "الي", "بين"])
            || ctx.word(p).and_then(|t| part_word(t.stem())).is_some()
    });
    if ambiguous && !(shahr || doubled || end > after || after_preposition) {
        return None;
    }
    let p = DatePoint {
        day: None,
        month,
        year,
        direction,
    };
    Some(Found::dates(
        i,
        end,
        calendar::point(p, ctx.published)?,
        DateKind::Absolute,
    ))
}

/// A year: "عام 2016", "خلال عام 2016", "لعام 2016", "2016م", "في 2016", "بين عامي 2014 و2016".
fn year_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let t = ctx.tok(i)?;
    if t.is_word() && t.stem() == "عامي" {
        let (a, next) = grammar::year_at(ctx, i + 1)?;
        if !is_norm(ctx, next, &["و", "الي", "حتي"]) && !ctx.punct(next, '-') {
            return None;
        }
        let (b, end) = grammar::year_at(ctx, next + 1)?;
        let interval = calendar::range(
            DatePoint {
                day: Some(1),
                month: 1,
                year: Some(a),
                direction: Direction::OnOrBefore,
            },
            DatePoint {
                day: Some(31),
                month: 12,
                year: Some(b),
                direction: Direction::OnOrBefore,
            },
            ctx.published,
        )?;
        let interval = DateInterval {
            precision: crate::event::date::TimePrecision::Year,
            ..interval
        };
        return Some(Found::dates(i, end, interval, DateKind::Absolute));
    }
    if t.is_word() && matches!(t.stem(), "عام" | "سنه") {
        let (y, end) = grammar::year_at(ctx, i + 1)?;
        return Some(Found::dates(i, end, calendar::year(y)?, DateKind::Absolute));
    }
    let (y, end) = grammar::year_at(ctx, i)?;
    let marked = end > i + 1;
    let after_preposition = i.checked_sub(1).is_some_and(|p| {
        ctx.stem_in(p, &["في", "خلال", "منذ", "حتي", "الي", "بين", "قبل", "بعد"])
            || ctx.word(p).and_then(|t| part_word(t.stem())).is_some()
    });
    if !(marked || after_preposition || ctx.lenient) {
        return None;
    }
    Some(Found::dates(i, end, calendar::year(y)?, DateKind::Absolute))
}

/// A weekday: "الخميس", "والخميس", "يوم الخميس الماضي", "الأحد 7 أبريل" (the date wins).
fn weekday_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let yawm = ctx.word(i).is_some_and(|t| t.stem() == "يوم" && !t.article);
    let j = if yawm { i + 1 } else { i };
    let t = ctx.word(j).filter(|t| t.article && !t.prep)?;
    let day = weekday_word(t.stem())?;
    // الاثنين and الأحد are also "the two" and "the one".
    if !yawm
        && day == Weekday::Mon
        && i.checked_sub(1)
            .is_some_and(|p| ctx.stem_in(p, &["بين", "كلا"]))
    {
        return None;
    }
    let k = ctx.skip_comma(j + 1);
    let k = if ctx.stem_in(k, &["موافق"]) {
        k + 1
    } else {
        k
    };
    if let Some((p, end)) = day_point(ctx, k) {
        return Some(Found::dates(
            i,
            end,
            calendar::point(p, ctx.published)?,
            DateKind::Absolute,
        ));
    }
    let (direction, end) = match way_at(ctx, j + 1) {
        Some(Way::Past) => (Direction::Before, j + 2),
        Some(Way::Next) => (Direction::After, j + 2),
        _ => (Direction::OnOrBefore, j + 1),
    };
    let date = calendar::weekday(day, ctx.published, direction);
    Some(Found::dates(
        i,
        end,
        DateInterval::day(date),
        DateKind::RelativeToPublication,
    ))
}

/// أمس, الأمس, البارحة, أول أمس, أمس الأول, اليوم, الليلة (الماضية), غدا.
fn deictic(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let t = ctx.word(i)?;
    let (days, end) = match t.stem() {
        "امس"
            if ctx
                .word(i + 1)
                .is_some_and(|n| n.article && n.stem() == "اول") =>
        {
            (-2, i + 2)
        }
        "امس" | "بارحه" => (-1, i + 1),
        "اول" if !t.article => {
            let j = if is_norm(ctx, i + 1, &["من"]) {
                i + 2
            } else {
                i + 1
            };
            if !ctx.word(j).is_some_and(|n| n.stem() == "امس" && !n.article) {
                return None;
            }
            (-2, j + 1)
        }
        "يوم" if t.article => {
            let next_names_another_day = ctx.word(i + 1).is_some_and(|n| {
                n.article
                    && (matches!(n.stem(), "تالي" | "سابق" | "تاليه" | "ذاته" | "نفسه")
                        || arabic_ordinal_unit(n.stem()).is_some())
            });
            let after_same = i
                .checked_sub(1)
                .is_some_and(|p| ctx.stem_in(p, &["نفس", "ذات", "ذلك", "مثل"]));
            if next_names_another_day || after_same {
                return None;
            }
            // "اليوم الاثنين": today, named.
            let weekday_follows = ctx
                .word(i + 1)
                .is_some_and(|n| n.article && weekday_word(n.stem()).is_some());
            (0, if weekday_follows { i + 2 } else { i + 1 })
        }
        "ليله" if t.article => match way_at(ctx, i + 1) {
            Some(Way::Past) => (-1, i + 2),
            _ => (0, i + 1),
        },
        "غدا" => (1, i + 1),
        _ => return None,
    };
    let day = calendar::add_days(ctx.published, days)?;
    Some(Found::dates(
        i,
        end,
        DateInterval::day(day),
        DateKind::RelativeToPublication,
    ))
}

/// الأسبوع الماضي, الشهر الماضي, العام الماضي, هذا الشهر, الشهر الجاري, العام المقبل.
fn period(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let this = ctx.stem_in(i, &["هذا", "هذه"]);
    let at = if this { i + 1 } else { i };
    let t = ctx.word(at).filter(|t| t.article && !t.prep)?;
    let unit = match t.stem() {
        "اسبوع" => Unit::Week,
        "شهر" => Unit::Month,
        "عام" | "سنه" => Unit::Year,
        _ => return None,
    };
    let (way, end) = if this {
        (Way::Current, at + 1)
    } else {
        (way_at(ctx, at + 1)?, at + 2)
    };
    let interval = relative_period(ctx, unit, way)?;
    Some(Found::dates(
        i,
        end,
        interval,
        DateKind::RelativeToPublication,
    ))
}

/// The week, month or year before, of, or after publication.
fn relative_period(ctx: &Ctx<'_>, unit: Unit, way: Way) -> Option<DateInterval> {
    let step = match way {
        Way::Past => -1,
        Way::Current => 0,
        Way::Next => 1,
    };
    let p = ctx.published;
    match unit {
        Unit::Week => Some(calendar::week_of(calendar::add_days(p, 7 * step)?)),
        Unit::Month => {
            let d = calendar::add_months(p, step as i32)?;
            calendar::month(d.year(), d.month())
        }
        Unit::Year => calendar::year(p.year() + step as i32),
        _ => None,
    }
}

/// الأيام الماضية, الأيام القليلة الماضية, الأيام الثلاثة الأخيرة, الأسابيع الماضية,
/// الساعات الـ24 الماضية, الـ48 ساعة الماضية, اليومين الماضيين.
fn recent_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let mut n = None;
    let mut j = i;
    let bare_article = |k: usize| ctx.word(k).is_some_and(|t| t.norm == "ال");
    let unit = if bare_article(j) {
        n = Some(ctx.tok(j + 1)?.number()?.0);
        j += 2;
        let t = ctx.word(j).filter(|t| !t.article)?;
        j += 1;
        unit_word(t.stem())?.0
    } else {
        let t = ctx.word(j).filter(|t| t.article && !t.prep)?;
        j += 1;
        let (unit, count) = unit_word(t.stem())?;
        if count == Count::One {
            return None;
        }
        if count == Count::Two {
            n = Some(2);
        }
        unit
    };
    // A count or "few" between the unit and الماضية.
    if bare_article(j) {
        n = Some(ctx.tok(j + 1)?.number()?.0);
        j += 2;
    } else if let Some(t) = ctx.word(j).filter(|t| t.article) {
        if let Some(v) = arabic_cardinal(t.stem()) {
            n = Some(v);
            j += 1;
        } else if t.stem() == "قليله" {
            j += 1;
        }
    }
    if way_at(ctx, j)? != Way::Past {
        return None;
    }
    let interval = grammar::recent(ctx.published, n, unit)?;
    Some(Found::dates(i, j + 1, interval, DateKind::Approximate))
}

/// A count of a unit: "ثلاثة أيام", "3 أيام", "15 يوما", "يومين", "أسبوع", "أيام",
/// "بضعة أيام", "نحو أسبوعين"; the count (`None` for "several"), the unit, the next index.
fn count_unit(ctx: &Ctx<'_>, i: usize) -> Option<(Option<u32>, Unit, usize)> {
    let mut j = i;
    if ctx.stem_in(j, &["نحو", "حوالي", "قرابه", "زهاء"]) {
        j += 1;
    }
    let unit_at = |k: usize| {
        ctx.word(k)
            .filter(|t| !t.article && !t.prep && !t.conj)
            .and_then(|t| unit_word(t.stem()))
    };
    if let Some((v, _)) = ctx.tok(j).and_then(|t| t.number()) {
        let (unit, _) = unit_at(j + 1)?;
        return Some((Some(v), unit, j + 2));
    }
    let t = ctx.word(j)?;
    if !t.article && !t.prep {
        if let Some(v) = arabic_cardinal(t.stem()) {
            let (unit, _) = unit_at(j + 1)?;
            return Some((Some(v), unit, j + 2));
        }
        if matches!(t.stem(), "بضعه" | "بضع" | "عده") {
            let (unit, _) = unit_at(j + 1)?;
            return Some((None, unit, j + 2));
        }
    }
    let (unit, count) = unit_at(j)?;
    Some(match count {
        Count::One if ctx.stem_in(j + 1, &["واحد", "واحده"]) => (Some(1), unit, j + 2),
        Count::One => (Some(1), unit, j + 1),
        Count::Two => (Some(2), unit, j + 1),
        Count::Several => (None, unit, j + 1),
    })
}

/// منذ يومين, قبل ثلاثة أيام, منذ أسبوع, قبل أيام; and, counted from another event, "بعد
/// ثلاثة أيام من بدء هجوم …", "قبل يومين من …", "بعد مرور أسبوع على …".
fn ago_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let head = ctx.word(i).filter(|t| !t.article && !t.prep)?;
    let sign = match head.stem() {
        "منذ" | "قبل" => -1,
        "بعد" => 1,
        _ => return None,
    };
    let j = if sign > 0 && ctx.stem_in(i + 1, &["مرور"]) {
        i + 2
    } else {
        i + 1
    };
    let (n, unit, k) = count_unit(ctx, j)?;
    if head.stem() != "منذ" && is_norm(ctx, k, &["من", "علي"]) {
        if let Some(reference) = grammar::reference(ctx, k + 1, clause_start) {
            return Some(Found {
                start: i,
                end: k + 1,
                value: Value::Relative(grammar::offset(n, unit, sign), reference),
            });
        }
    }
    if sign > 0 {
        return None;
    }
    let (interval, kind) = match n {
        Some(n) => (
            calendar::ago(ctx.published, n, unit)?,
            DateKind::RelativeToPublication,
        ),
        None => (
            grammar::some_time_ago(ctx.published, unit)?,
            DateKind::Approximate,
        ),
    };
    Some(Found::dates(i, k, interval, kind))
}

/// Words that start a new clause, where the words naming another event stop.
fn clause_start(t: &Token) -> bool {
    matches!(
        t.norm.as_str(),
        "ربما"
            | "حيث"
            | "بينما"
            | "عندما"
            | "لكن"
            | "ولكن"
            | "الا"
            | "وذلك"
            | "اذ"
            | "كما"
            | "ثم"
            | "ان"
            | "لان"
            | "الذي"
            | "التي"
            | "الذين"
            | "والتي"
            | "والذي"
            | "قبل"
            | "بعد"
            | "منذ"
            | "خلال"
            | "وقد"
            | "فقد"
            | "قد"
    )
}

/// مطلع أبريل, منتصف الشهر الماضي, أواخر عام 2016: part of a month or year.
fn part_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let t = ctx.word(i).filter(|t| !t.article && !t.prep)?;
    let part = part_word(t.stem())?;
    let inner = at(ctx, i + 1)?;
    grammar::narrowed(i, inner, part)
}

/// في وقت سابق من هذا الشهر (earlier this month): from the start of the week, month or
/// year to the day before publication.
fn earlier_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    if !(is_norm(ctx, i, &["في"]) && ctx.stem_in(i + 1, &["وقت"]) && ctx.stem_in(i + 2, &["سابق"]))
    {
        return None;
    }
    let k = if is_norm(ctx, i + 3, &["من"]) {
        i + 4
    } else {
        i + 3
    };
    let inner = at(ctx, k)?;
    let Value::Dates(interval, kind) = inner.value else {
        return None;
    };
    let p = ctx.published;
    if interval.start == interval.end && interval.start == p {
        return Some(Found::dates(i, inner.end, interval, kind));
    }
    if !(interval.start <= p && p <= interval.end) {
        return None;
    }
    let end = calendar::add_days(p, -1)
        .filter(|d| *d >= interval.start)
        .unwrap_or(p);
    Some(Found::dates(
        i,
        inner.end,
        calendar::span(interval.start, end)?,
        DateKind::Approximate,
    ))
}

/// صباح أمس, مساء الخميس, فجر اليوم: a part of the day before a day expression.
fn daypart_expr(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    ctx.word(i).filter(|t| !t.article && !t.prep).filter(|t| {
        matches!(
            t.stem(),
            "صباح" | "مساء" | "ليله" | "ليل" | "فجر" | "ظهر" | "عصر" | "ظهيره"
        )
    })?;
    let inner = at(ctx, i + 1)?;
    match inner.value {
        Value::Dates(interval, _) if interval.start == interval.end => {
            Some(Found { start: i, ..inner })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{resolve, Lang};
    use crate::event::date::Offset;

    use super::super::testing::{check_cases, d};

    /// (expression, published, interval as `DateInterval` writes it, precision, kind).
    const CASES: &[(&str, &str, &str, &str, &str)] = &[
        // The seed report, published 2019-05-01.
        (
            "في السابع من أبريل/نيسان",
            "2019-05-01",
            "2019-04-07",
            "day",
            "absolute",
        ),
        (
            "في مارس/ آذار الماضي",
            "2019-05-01",
            "2019-03",
            "month",
            "absolute",
        ),
        (
            "الأيام الماضية",
            "2019-05-01",
            "2019-04-24/2019-04-30",
            "week",
            "approximate",
        ),
        ("خلال عام 2016", "2019-05-01", "2016", "year", "absolute"),
        // Digits in both scripts, glued to words.
        ("٧ أبريل", "2019-05-01", "2019-04-07", "day", "absolute"),
        (
            "7 أبريل 2019",
            "2019-05-01",
            "2019-04-07",
            "day",
            "absolute",
        ),
        ("19يناير2020", "2020-02-01", "2020-01-19", "day", "absolute"),
        (
            "٤ نيسان/أبريل ٢٠١٩",
            "2019-05-01",
            "2019-04-04",
            "day",
            "absolute",
        ),
        ("2019/04/04", "2019-05-01", "2019-04-04", "day", "absolute"),
        ("4/4/2019", "2019-05-01", "2019-04-04", "day", "absolute"),
        // Ordinal day words.
        (
            "الحادي والعشرين من يونيو",
            "2019-07-01",
            "2019-06-21",
            "day",
            "absolute",
        ),
        (
            "الثلاثين من سبتمبر",
            "2019-10-01",
            "2019-09-30",
            "day",
            "absolute",
        ),
        (
            "الثاني عشر من ديسمبر 2019",
            "2020-01-01",
            "2019-12-12",
            "day",
            "absolute",
        ),
        ("سابع أيار", "2019-05-10", "2019-05-07", "day", "absolute"),
        (
            "الرابع من الشهر الجاري",
            "2019-05-10",
            "2019-05-04",
            "day",
            "absolute",
        ),
        (
            "15 من الشهر الماضي",
            "2019-05-10",
            "2019-04-15",
            "day",
            "absolute",
        ),
        (
            "اليوم الاثنين",
            "2019-05-06",
            "2019-05-06",
            "day",
            "relative_to_publication",
        ),
        // Month names: Levantine, Maghrebi, two-word.
        (
            "كانون الثاني 2020",
            "2020-03-01",
            "2020-01",
            "month",
            "absolute",
        ),
        (
            "15 تشرين الأول",
            "2019-11-01",
            "2019-10-15",
            "day",
            "absolute",
        ),
        ("3 جوان 2019", "2019-07-01", "2019-06-03", "day", "absolute"),
        ("أفريل الماضي", "2019-05-01", "2019-04", "month", "absolute"),
        ("جويلية 2019", "2019-08-01", "2019-07", "month", "absolute"),
        ("أوت الماضي", "2019-09-01", "2019-08", "month", "absolute"),
        ("أبريل الماضي", "2020-01-15", "2019-04", "month", "absolute"),
        ("إبريل", "2019-05-01", "2019-04", "month", "absolute"),
        ("يونيه 2019", "2019-07-01", "2019-06", "month", "absolute"),
        // Ranges.
        (
            "بين 20 و30 يونيو 2019",
            "2019-07-01",
            "2019-06-20/2019-06-30",
            "week",
            "absolute",
        ),
        (
            "من 19 إلى 23 أكتوبر",
            "2019-11-01",
            "2019-10-19/2019-10-23",
            "days",
            "absolute",
        ),
        (
            "يومي 28 و29 سبتمبر",
            "2019-10-01",
            "2019-09-28/2019-09-29",
            "days",
            "absolute",
        ),
        (
            "19-23 أكتوبر 2020",
            "2020-11-01",
            "2020-10-19/2020-10-23",
            "days",
            "absolute",
        ),
        // Weekdays, with clitics.
        (
            "الخميس",
            "2019-05-01",
            "2019-04-25",
            "day",
            "relative_to_publication",
        ),
        (
            "والخميس",
            "2019-05-01",
            "2019-04-25",
            "day",
            "relative_to_publication",
        ),
        (
            "يوم الخميس",
            "2019-05-01",
            "2019-04-25",
            "day",
            "relative_to_publication",
        ),
        (
            "الخميس الماضي",
            "2019-05-01",
            "2019-04-25",
            "day",
            "relative_to_publication",
        ),
        (
            "الأربعاء",
            "2019-05-01",
            "2019-05-01",
            "day",
            "relative_to_publication",
        ),
        (
            "الأربعاء الماضي",
            "2019-05-01",
            "2019-04-24",
            "day",
            "relative_to_publication",
        ),
        (
            "مساء السبت",
            "2019-05-01",
            "2019-04-27",
            "day",
            "relative_to_publication",
        ),
        (
            "الأحد 7 أبريل",
            "2019-05-01",
            "2019-04-07",
            "day",
            "absolute",
        ),
        // Days counted from publication.
        (
            "أمس",
            "2019-05-01",
            "2019-04-30",
            "day",
            "relative_to_publication",
        ),
        (
            "بالأمس",
            "2019-05-01",
            "2019-04-30",
            "day",
            "relative_to_publication",
        ),
        (
            "البارحة",
            "2019-05-01",
            "2019-04-30",
            "day",
            "relative_to_publication",
        ),
        (
            "أول أمس",
            "2019-05-01",
            "2019-04-29",
            "day",
            "relative_to_publication",
        ),
        (
            "أول من أمس",
            "2019-05-01",
            "2019-04-29",
            "day",
            "relative_to_publication",
        ),
        (
            "اليوم",
            "2019-05-01",
            "2019-05-01",
            "day",
            "relative_to_publication",
        ),
        (
            "منذ يومين",
            "2019-05-01",
            "2019-04-29",
            "day",
            "relative_to_publication",
        ),
        (
            "قبل يومين",
            "2019-05-01",
            "2019-04-29",
            "day",
            "relative_to_publication",
        ),
        (
            "قبل ثلاثة أيام",
            "2019-05-01",
            "2019-04-28",
            "day",
            "relative_to_publication",
        ),
        (
            "منذ ٥ أيام",
            "2019-05-01",
            "2019-04-26",
            "day",
            "relative_to_publication",
        ),
        (
            "قبل عشرة أيام",
            "2019-05-01",
            "2019-04-21",
            "day",
            "relative_to_publication",
        ),
        (
            "منذ أسبوع",
            "2019-05-01",
            "2019-04-22/2019-04-28",
            "week",
            "relative_to_publication",
        ),
        (
            "منذ أيام",
            "2019-05-01",
            "2019-04-24/2019-04-30",
            "week",
            "approximate",
        ),
        // Periods.
        (
            "الأسبوع الماضي",
            "2019-05-01",
            "2019-04-22/2019-04-28",
            "week",
            "relative_to_publication",
        ),
        (
            "الشهر الماضي",
            "2019-05-01",
            "2019-04",
            "month",
            "relative_to_publication",
        ),
        (
            "الشهر الجاري",
            "2019-05-01",
            "2019-05",
            "month",
            "relative_to_publication",
        ),
        (
            "العام الماضي",
            "2019-05-01",
            "2018",
            "year",
            "relative_to_publication",
        ),
        (
            "الأيام الأخيرة",
            "2019-05-01",
            "2019-04-24/2019-04-30",
            "week",
            "approximate",
        ),
        (
            "الأيام الثلاثة الماضية",
            "2019-05-01",
            "2019-04-28/2019-04-30",
            "days",
            "approximate",
        ),
        (
            "الأيام الست الماضية",
            "2019-05-01",
            "2019-04-25/2019-04-30",
            "days",
            "approximate",
        ),
        (
            "الساعات الـ24 الماضية",
            "2019-05-01",
            "2019-04-30/2019-05-01",
            "days",
            "approximate",
        ),
        (
            "مطلع أبريل",
            "2019-05-01",
            "2019-04-01/2019-04-10",
            "week",
            "approximate",
        ),
        (
            "أواخر الشهر الماضي",
            "2019-05-01",
            "2019-04-21/2019-04-30",
            "week",
            "approximate",
        ),
        (
            "في وقت سابق من هذا الشهر",
            "2019-05-20",
            "2019-05-01/2019-05-19",
            "month",
            "approximate",
        ),
        // Years.
        ("عام 2016", "2019-05-01", "2016", "year", "absolute"),
        ("لعام 2011", "2019-05-01", "2011", "year", "absolute"),
        ("2014م", "2019-05-01", "2014", "year", "absolute"),
    ];

    #[test]
    fn resolves_arabic_expressions() {
        check_cases(CASES, Lang::Ar);
    }

    #[test]
    fn counts_from_another_event() {
        let text = "بعد ثلاثة أيام من بدء هجوم قوات اللواء المتقاعد خليفة حفتر على طرابلس. وقالت";
        let got = resolve(text, d("2019-05-01"), Lang::Ar).unwrap();
        assert_eq!(got.kind.as_str(), "relative_to_other_event");
        assert_eq!(got.interval, None);
        let relative = got.relative.unwrap();
        assert_eq!(relative.offset, Offset::Days(3));
        assert_eq!(
            &text[relative.reference],
            "بدء هجوم قوات اللواء المتقاعد خليفة حفتر على طرابلس"
        );
        assert_eq!(&text[got.span], "بعد ثلاثة أيام من");
        let cases = [
            ("قبل يومين من الهجوم", Offset::Days(-2), "الهجوم"),
            (
                "بعد أيام من مغادرتهم ربما تعود",
                Offset::Days(3),
                "مغادرتهم",
            ),
            (
                "بعد مرور أسبوع على سقوط غريان،",
                Offset::Days(7),
                "سقوط غريان",
            ),
            (
                "بعد شهرين من انطلاق العملية",
                Offset::Months(2),
                "انطلاق العملية",
            ),
        ];
        for (text, offset, reference) in cases {
            let got = resolve(text, d("2019-05-01"), Lang::Ar).unwrap();
            let relative = got.relative.unwrap_or_else(|| panic!("{text}"));
            assert_eq!(relative.offset, offset, "{text}");
            assert_eq!(&text[relative.reference], reference, "{text}");
        }
    }

    #[test]
    fn leaves_words_that_only_look_like_dates() {
        for text in [
            "مارس الضغط على الحكومة",
            "باب العزيزية",
            "لامس الحقيقة",
            "الأب",
            "في الأب الروحي",
            "وأب لثلاثة أطفال",
            "بين الاثنين",
            "في اليوم التالي",
            "الفصل الأول",
            "القرار 2259",
            "بعد ثلاثة أيام",
        ] {
            assert_eq!(resolve(text, d("2019-05-01"), Lang::Ar), None, "{text}");
        }
    }
}
