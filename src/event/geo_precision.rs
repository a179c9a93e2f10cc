//! How precisely an event's place is known.

use std::fmt;

/// Place precision, finer than ACLED's three codes and mappable to UCDP's `where_prec`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GeoPrecision {
    /// The named place itself.
    Exact,
    /// Near the named place, within about 25 km.
    Near,
    /// Somewhere in a second-order administrative area.
    Admin2,
    /// Somewhere in a first-order administrative area.
    Admin1,
    /// Somewhere in the country.
    Country,
    /// At sea or on a water body.
    Water,
}

impl GeoPrecision {
    /// The name written in frontline's files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            GeoPrecision::Exact => "exact",
            GeoPrecision::Near => "near",
            GeoPrecision::Admin2 => "admin2",
            GeoPrecision::Admin1 => "admin1",
            GeoPrecision::Country => "country",
            GeoPrecision::Water => "water",
        }
    }

    /// Reads a precision name or ACLED's code (codebook: 1 the named town, 2 near it or a
    /// part of a region, 3 only a larger region is known).
    pub fn parse(text: &str) -> Option<GeoPrecision> {
        match text.trim().to_ascii_lowercase().as_str() {
            "exact" | "1" => Some(GeoPrecision::Exact),
            "near" | "2" => Some(GeoPrecision::Near),
            "admin2" => Some(GeoPrecision::Admin2),
            "admin1" | "3" => Some(GeoPrecision::Admin1),
            "country" => Some(GeoPrecision::Country),
            "water" => Some(GeoPrecision::Water),
            _ => None,
        }
    }

    /// ACLED's spatial precision code (codebook: 1 the town itself, 2 near it or a part of a
    /// region, 3 only a larger region): finer precisions fold into the nearest code.
    pub fn acled_code(self) -> u8 {
        match self {
            GeoPrecision::Exact => 1,
            GeoPrecision::Near | GeoPrecision::Water => 2,
            GeoPrecision::Admin2 | GeoPrecision::Admin1 | GeoPrecision::Country => 3,
        }
    }

    /// UCDP GED's `where_prec` code (codebook: 1 exact, 2 within 25 km, 3 second-order
    /// administrative area, 4 first-order, 6 country, 7 international waters or airspace).
    pub fn where_prec(self) -> u8 {
        match self {
            GeoPrecision::Exact => 1,
            GeoPrecision::Near => 2,
            GeoPrecision::Admin2 => 3,
            GeoPrecision::Admin1 => 4,
            GeoPrecision::Country => 6,
            GeoPrecision::Water => 7,
        }
    }

    /// Reads UCDP GED's `where_prec`; 5 (a part of the country larger than a first-order
    /// area, or a linear feature) is no finer than the country.
    pub fn from_where_prec(code: u8) -> Option<GeoPrecision> {
        match code {
            1 => Some(GeoPrecision::Exact),
            2 => Some(GeoPrecision::Near),
            3 => Some(GeoPrecision::Admin2),
            4 => Some(GeoPrecision::Admin1),
            5 | 6 => Some(GeoPrecision::Country),
            7 => Some(GeoPrecision::Water),
            _ => None,
        }
    }

    /// The precision a GeoNames feature code implies for an event geocoded to it.
    pub fn for_feature_code(code: &str) -> GeoPrecision {
        match code {
            "ADM1" | "ADM1H" => GeoPrecision::Admin1,
            "ADM2" | "ADM2H" => GeoPrecision::Admin2,
            c if c.starts_with("PCL") => GeoPrecision::Country,
            _ => GeoPrecision::Exact,
        }
    }
}

impl fmt::Display for GeoPrecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_and_acled_codes() {
        assert_eq!(GeoPrecision::parse("1"), Some(GeoPrecision::Exact));
        assert_eq!(GeoPrecision::parse("Near"), Some(GeoPrecision::Near));
        assert_eq!(GeoPrecision::parse("3"), Some(GeoPrecision::Admin1));
        assert_eq!(GeoPrecision::parse("4"), None);
        assert_eq!(
            GeoPrecision::for_feature_code("PCLI"),
            GeoPrecision::Country
        );
        assert_eq!(GeoPrecision::for_feature_code("PPLX"), GeoPrecision::Exact);
    }
}
