//! An events file as the exact text of its rows, so a merge replaces some rows and leaves
//! every other byte as it was (and `--undo` puts the replaced rows back byte for byte).

/// The rows of one CSV text, each with its own line end; row 0 is the header (with a
/// byte-order mark if the file has one). Removed rows stay as empty slots, so a row keeps
/// its index while others go, and its line is found from a Fenwick tree of line counts.
#[derive(Clone, Debug)]
pub struct Sheet {
    rows: Vec<Option<String>>,
    /// Fenwick tree over the number of line ends in each row still present.
    lines: Vec<i64>,
}

impl Sheet {
    /// Splits a CSV text at the line ends outside quotes (RFC 4180: a quoted field may hold
    /// line ends; `""` inside quotes is a quote, which toggling twice leaves as it was).
    pub fn parse(text: &str) -> Sheet {
        let mut rows = Vec::new();
        let mut quoted = false;
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => {
                    rows.push(Some(text[start..=i].to_string()));
                    start = i + 1;
                }
                _ => {}
            }
        }
        if start < text.len() {
            rows.push(Some(text[start..].to_string()));
        }
        let mut sheet = Sheet {
            lines: vec![0; rows.len() + 1],
            rows: Vec::new(),
        };
        for (i, row) in rows.iter().enumerate() {
            sheet.add(i, newlines(row.as_deref()));
        }
        sheet.rows = rows;
        sheet
    }

    /// The text of the whole file as it stands.
    pub fn text(&self) -> String {
        self.rows.iter().flatten().map(String::as_str).collect()
    }

    /// Number of row slots (present or removed), the header included.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the sheet has no rows at all (not even a header).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The text of a row still present.
    pub fn row(&self, index: usize) -> Option<&str> {
        self.rows.get(index).and_then(|r| r.as_deref())
    }

    /// The 1-based line a row starts on, as it stands.
    pub fn line(&self, index: usize) -> u64 {
        let mut i = index;
        let mut sum = 0;
        while i > 0 {
            sum += self.lines[i];
            i &= i - 1;
        }
        1 + sum as u64
    }

    /// The index of the row (still present) that starts on `line`.
    pub fn index_at_line(&self, line: u64) -> Option<usize> {
        // Lines only grow with the index, so a binary search over present rows finds it.
        let (mut lo, mut hi) = (0, self.rows.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.line(mid) < line {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // Removed slots share the line of the next present row: skip them.
        (lo..self.rows.len())
            .take_while(|&i| self.line(i) == line)
            .find(|&i| self.rows[i].is_some())
    }

    /// Replaces a present row's text.
    pub fn replace(&mut self, index: usize, text: String) {
        let before = newlines(self.row(index));
        let after = newlines(Some(&text));
        self.add(index, after - before);
        self.rows[index] = Some(text);
    }

    /// Removes a row, keeping its slot.
    pub fn remove(&mut self, index: usize) -> Option<String> {
        let before = newlines(self.row(index));
        self.add(index, -before);
        self.rows.get_mut(index).and_then(Option::take)
    }

    /// Puts a row back into a removed slot.
    pub fn restore(&mut self, index: usize, text: String) {
        self.add(index, newlines(Some(&text)));
        self.rows[index] = Some(text);
    }

    /// Inserts a row before slot `index` (the end when `index == len()`); the Fenwick tree
    /// is rebuilt, so this is linear in the rows (only `--undo` inserts).
    pub fn insert(&mut self, index: usize, text: String) {
        self.rows.insert(index, Some(text));
        self.lines = vec![0; self.rows.len() + 1];
        for i in 0..self.rows.len() {
            let n = newlines(self.rows[i].as_deref());
            self.add(i, n);
        }
    }

    /// The 1-based line just past the last row: where a row appended at the end starts.
    pub fn end_line(&self) -> u64 {
        self.line(self.rows.len())
    }

    fn add(&mut self, index: usize, delta: i64) {
        let mut i = index + 1;
        while i < self.lines.len() {
            self.lines[i] += delta;
            i += i & i.wrapping_neg();
        }
    }
}

fn newlines(row: Option<&str>) -> i64 {
    row.map(|r| r.bytes().filter(|&b| b == b'\n').count() as i64)
        .unwrap_or(0)
}

/// The line end a row was written with (`\r\n`, `\n`, or none for a last row without
/// one), so a row written in its place keeps the file's style.
pub fn line_end(row: &str) -> &'static str {
    if row.ends_with("\r\n") {
        "\r\n"
    } else if row.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// The values of one row's text, as the csv crate reads them.
pub fn values(row: &str) -> Option<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(row.as_bytes());
    let record = reader.records().next()?.ok()?;
    Some(record.iter().map(str::to_string).collect())
}

/// One row's values as CSV text (quoted only where needed) ending with `end`.
pub fn render(values: &[String], end: &str) -> String {
    let bytes = crate::format::csv_writer::line(values);
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    if text.ends_with('\n') {
        text.pop();
    }
    text.push_str(end);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\u{feff}id,notes\r\nA,\"two\nlines\"\r\n\r\nB,x\r\nC,\"say \"\"hi\"\"\"";

    #[test]
    fn rows_join_back_to_the_same_bytes() {
        let sheet = Sheet::parse(TEXT);
        assert_eq!(sheet.len(), 5);
        assert_eq!(sheet.text(), TEXT);
        assert_eq!(sheet.row(4), Some("C,\"say \"\"hi\"\"\""));
        assert_eq!(line_end(sheet.row(1).unwrap_or_default()), "\r\n");
    }

    #[test]
    fn lines_follow_removals_and_restores() {
        let mut sheet = Sheet::parse(TEXT);
        assert_eq!(
            (1..5).map(|i| sheet.line(i)).collect::<Vec<_>>(),
            [2, 4, 5, 6]
        );
        let a = sheet.remove(1).unwrap_or_default();
        // A took two lines (a quoted line end): B moves up from line 5 to 3.
        assert_eq!(sheet.line(3), 3);
        assert_eq!(sheet.index_at_line(3), Some(3));
        assert_eq!(sheet.index_at_line(2), Some(2));
        sheet.restore(1, a);
        assert_eq!(sheet.text(), TEXT);
        sheet.replace(3, "B,y\n".into());
        assert_eq!(sheet.line(4), 6);
    }

    #[test]
    fn rows_render_and_read_back() {
        let values = vec!["a,b".to_string(), "c\"d".to_string(), String::new()];
        let text = render(&values, "\r\n");
        assert_eq!(text, "\"a,b\",\"c\"\"d\",\r\n");
        assert_eq!(self::values(&text), Some(values));
    }
}
