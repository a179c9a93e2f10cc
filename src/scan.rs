//! Reading a large CSV on every core: the file is cut into chunks at row ends (a newline
//! outside quotes), workers parse the chunks, and their results come back in file order.
//! Memory stays bounded: only a few chunks are in flight at once.

use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::event::record::{Header, RawRecord};
use csv::StringRecord;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};

/// The number of reading threads: the machine's cores.
pub fn num_workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Bytes read at a time; a chunk is about this size.
const CHUNK_BYTES: usize = 1 << 20;

/// A piece of a CSV file that starts at a row and ends after one.
#[derive(Debug)]
pub struct Chunk {
    /// Position among the chunks of the file.
    pub seq: usize,
    /// The rows' bytes.
    pub bytes: Vec<u8>,
    /// Byte offset of the chunk in the file.
    pub offset: u64,
    /// Line the chunk starts on (1-based).
    pub first_line: u64,
}

/// The header of a CSV file and where its rows begin.
#[derive(Clone, Debug)]
pub struct CsvHead {
    /// The file, shared by every origin.
    pub file: Arc<Path>,
    /// Its header.
    pub header: Arc<Header>,
    /// Byte offset of the first row.
    pub body_offset: u64,
    /// Line of the first row.
    pub body_line: u64,
    /// Bytes read at a time (tests make it small to cut many chunks).
    pub chunk_bytes: usize,
}

/// Reads the header row of a CSV file.
pub fn head(path: &Path) -> Result<CsvHead, Error> {
    let file = File::open(path).map_err(|e| Error::read(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let header = reader.byte_headers().map_err(|e| {
        Error::Invalid(vec![Diagnostic::record(
            &Origin::at(path, 1),
            format!("a CSV header row ({e})"),
        )])
    })?;
    let names = StringRecord::from_byte_record(header.clone()).map_err(|_| {
        Error::Invalid(vec![Diagnostic::record(
            &Origin::at(path, 1),
            "UTF-8 text (this file holds other bytes; re-save it as UTF-8)",
        )])
    })?;
    // The csv crate may stop before a CRLF row end and counts it as a line of its own;
    // step over the line end and count newlines instead.
    let mut body_offset = reader.position().byte();
    let mut start = Vec::new();
    File::open(path)
        .and_then(|f| f.take(body_offset + 2).read_to_end(&mut start))
        .map_err(|e| Error::read(path, e))?;
    while matches!(start.get(body_offset as usize), Some(b'\r' | b'\n')) {
        body_offset += 1;
    }
    start.truncate(body_offset as usize);
    Ok(CsvHead {
        file: Arc::from(path),
        header: Arc::new(Header::new(names.iter())),
        body_offset,
        body_line: 1 + memchr::memchr_iter(b'\n', &start).count() as u64,
        chunk_bytes: CHUNK_BYTES,
    })
}

/// Where the last row of `bytes` ends: just after the last newline that lies outside
/// quotes, counting quotes from the start (a chunk always starts outside quotes).
fn last_row_end(bytes: &[u8]) -> Option<usize> {
    let quotes = memchr::memchr_iter(b'"', bytes).count();
    let mut after = 0usize; // quotes after the newline being looked at
    let mut end = bytes.len();
    while let Some(nl) = memchr::memrchr(b'\n', &bytes[..end]) {
        after += memchr::memchr_iter(b'"', &bytes[nl..end]).count();
        if (quotes - after).is_multiple_of(2) {
            return Some(nl + 1);
        }
        end = nl;
    }
    None
}

/// The chunks of a file's rows, in order.
struct Cutter {
    /// Buffers of chunks already parsed, to read into again (fresh pages cost the kernel
    /// a page clear each).
    spare: Arc<Mutex<Vec<Vec<u8>>>>,
    file: File,
    path: Arc<Path>,
    chunk_bytes: usize,
    offset: u64,
    line: u64,
    seq: usize,
    pending: Vec<u8>,
    eof: bool,
}

impl Cutter {
    fn new(head: &CsvHead) -> Result<Cutter, Error> {
        let path = &head.file;
        let mut file = File::open(path).map_err(|e| Error::read(path, e))?;
        file.seek(SeekFrom::Start(head.body_offset))
            .map_err(|e| Error::read(path, e))?;
        Ok(Cutter {
            spare: Arc::default(),
            file,
            path: Arc::clone(path),
            chunk_bytes: head.chunk_bytes,
            offset: head.body_offset,
            line: head.body_line,
            seq: 0,
            pending: Vec::new(),
            eof: false,
        })
    }

    fn next_chunk(&mut self) -> Result<Option<Chunk>, Error> {
        while !self.eof || !self.pending.is_empty() {
            let mut bytes = std::mem::take(&mut self.pending);
            if bytes.is_empty() {
                if let Some(spare) = self.spare.lock().ok().and_then(|mut s| s.pop()) {
                    bytes = spare;
                    bytes.clear();
                }
            }
            if !self.eof {
                let have = bytes.len();
                bytes.resize(have + self.chunk_bytes, 0);
                let mut filled = have;
                while filled < bytes.len() {
                    let n = self
                        .file
                        .read(&mut bytes[filled..])
                        .map_err(|e| Error::read(&self.path, e))?;
                    if n == 0 {
                        self.eof = true;
                        break;
                    }
                    filled += n;
                }
                bytes.truncate(filled);
                if !self.eof {
                    match last_row_end(&bytes) {
                        Some(end) => {
                            let mut rest = self
                                .spare
                                .lock()
                                .ok()
                                .and_then(|mut s| s.pop())
                                .unwrap_or_default();
                            rest.clear();
                            rest.extend_from_slice(&bytes[end..]);
                            bytes.truncate(end);
                            self.pending = rest;
                        }
                        None => {
                            // One row longer than a chunk: read on until it ends.
                            self.pending = bytes;
                            continue;
                        }
                    }
                }
            }
            if bytes.is_empty() {
                continue;
            }
            let lines = memchr::memchr_iter(b'\n', &bytes).count() as u64;
            let chunk = Chunk {
                seq: self.seq,
                offset: self.offset,
                first_line: self.line,
                bytes,
            };
            self.seq += 1;
            self.offset += chunk.bytes.len() as u64;
            self.line += lines;
            return Ok(Some(chunk));
        }
        Ok(None)
    }
}

impl Iterator for Cutter {
    type Item = Result<Chunk, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_chunk().transpose()
    }
}

/// Runs `work` on every chunk of the file's rows on `workers` threads and hands the
/// results to `each` in file order. `each` returns `false` to stop early.
pub fn par_chunks<T: Send>(
    head: &CsvHead,
    workers: usize,
    work: impl Fn(&Chunk) -> T + Sync,
    each: impl FnMut(T) -> Result<bool, Error>,
) -> Result<(), Error> {
    let cutter = Cutter::new(head)?;
    let spare = Arc::clone(&cutter.spare);
    let work = |chunk: Chunk| {
        let result = work(&chunk);
        if let Ok(mut spare) = spare.lock() {
            if spare.len() < workers * 4 {
                spare.push(chunk.bytes);
            }
        }
        result
    };
    par_map_ordered(cutter, workers, work, each)
}

/// Maps `work` over the items on `workers` threads (the items are produced on one more)
/// and hands the results to `each` in the items' order, with only a few in flight.
/// `each` returns `false` to stop early; the first error stops everything.
pub fn par_map_ordered<I: Send, T: Send>(
    items: impl Iterator<Item = Result<I, Error>> + Send,
    workers: usize,
    work: impl Fn(I) -> T + Sync,
    mut each: impl FnMut(T) -> Result<bool, Error>,
) -> Result<(), Error> {
    let workers = workers.max(1);
    let (item_tx, item_rx) = mpsc::sync_channel::<(usize, I)>(workers * 2);
    // Taken out and dropped to stop: the producer's next send then fails.
    let item_rx = Mutex::new(Some(item_rx));
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, T)>(workers * 2);
    std::thread::scope(|scope| {
        let producer = scope.spawn(move || {
            for (seq, item) in items.enumerate() {
                if item_tx.send((seq, item?)).is_err() {
                    break;
                }
            }
            Ok::<(), Error>(())
        });
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (item_rx, work) = (&item_rx, &work);
            scope.spawn(move || loop {
                let next = match item_rx.lock() {
                    Ok(rx) => rx.as_ref().map(|rx| rx.recv()),
                    Err(_) => None,
                };
                let Some(Ok((seq, item))) = next else { break };
                if done_tx.send((seq, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut next = 0usize;
        let mut result = Ok(());
        'results: for (seq, value) in done_rx.iter() {
            waiting.insert(seq, value);
            while let Some(value) = waiting.remove(&next) {
                next += 1;
                match each(value) {
                    Ok(true) => {}
                    Ok(false) => break 'results,
                    Err(e) => {
                        result = Err(e);
                        break 'results;
                    }
                }
            }
        }
        // Hanging up both channels stops the producer and the workers.
        drop(done_rx);
        if let Ok(mut rx) = item_rx.lock() {
            rx.take();
        }
        let produced = producer.join().unwrap_or(Ok(()));
        result.and(produced)
    })
}

/// One row of a chunk: the record with its byte offset (valid during the call; clone it
/// to keep it), or what is wrong with it.
pub enum Row<'a> {
    /// A well-formed row.
    Record(&'a RawRecord, u64),
    /// A row that could not be read as one.
    Problem(Diagnostic),
}

/// Parses the rows of a chunk, numbering their lines, and hands each to `each`. One
/// record is reused for every row, so reading allocates nothing per row.
pub fn rows(chunk: &Chunk, head: &CsvHead, mut each: impl FnMut(Row)) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&chunk.bytes[..]);
    let mut raw = RawRecord {
        origin: Origin::shared(&head.file, chunk.first_line),
        header: Arc::clone(&head.header),
        values: StringRecord::new(),
    };
    let (mut counted_to, mut line) = (0usize, chunk.first_line);
    let width = head.header.names().len();
    loop {
        let read = reader.read_record(&mut raw.values);
        let start = match &read {
            Ok(_) => raw.values.position().map(|p| p.byte() as usize),
            Err(e) => e.position().map(|p| p.byte() as usize),
        }
        .unwrap_or(counted_to)
        .min(chunk.bytes.len());
        // A record's position may fall on the line end before it.
        let mut start = start;
        while matches!(chunk.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > counted_to {
            line += memchr::memchr_iter(b'\n', &chunk.bytes[counted_to..start]).count() as u64;
            counted_to = start;
        }
        raw.origin.line = Some(line);
        match read {
            Ok(false) => break,
            Ok(true) if raw.values.len() != width => each(Row::Problem(Diagnostic::record(
                &raw.origin,
                format!(
                    "{width} fields as in the header (found {}); quote values that hold commas",
                    raw.values.len()
                ),
            ))),
            Ok(true) => each(Row::Record(&raw, chunk.offset + start as u64)),
            Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => {
                each(Row::Problem(Diagnostic::record(
                    &raw.origin,
                    "UTF-8 text (this row holds other bytes; re-save the file as UTF-8)",
                )))
            }
            Err(e) => each(Row::Problem(Diagnostic::record(
                &raw.origin,
                format!("a well-formed CSV row ({e})"),
            ))),
        }
    }
}

/// Reads rows back from their byte offsets (the index keeps offsets, not rows), with one
/// reader for many rows: building a CSV reader costs more than reading a row.
pub struct RowReader<'h> {
    head: &'h CsvHead,
    reader: csv::Reader<File>,
}

impl<'h> RowReader<'h> {
    /// A reader of the file's rows.
    pub fn open(head: &'h CsvHead) -> Result<RowReader<'h>, Error> {
        let file = File::open(&head.file).map_err(|e| Error::read(&head.file, e))?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(16 << 10)
            .from_reader(file);
        Ok(RowReader { head, reader })
    }

    /// The row that starts at `offset` (on `line`).
    pub fn row_at(&mut self, offset: u64, line: u64) -> Result<RawRecord, Error> {
        let origin = Origin::shared(&self.head.file, line);
        let mut position = csv::Position::new();
        position.set_byte(offset).set_line(line);
        self.reader
            .seek(position)
            .map_err(|e| Error::read_csv(&self.head.file, e))?;
        let mut values = StringRecord::new();
        match self.reader.read_record(&mut values) {
            Ok(true) if values.len() == self.head.header.names().len() => Ok(RawRecord {
                origin,
                header: Arc::clone(&self.head.header),
                values,
            }),
            _ => Err(Error::Invalid(vec![Diagnostic::record(
                &origin,
                "the row the index points at (the file changed while it was read; run the query again)",
            )])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn stopping_early_ends_every_thread() {
        // More items than the channels hold, and a consumer that stops at the first: the
        // call must return (it once waited for ever on a producer with a full channel).
        let items = (0..1000).map(Ok);
        let mut seen = 0;
        par_map_ordered(
            items,
            2,
            |i: i32| i,
            |_| {
                seen += 1;
                Ok(false)
            },
        )
        .unwrap();
        assert_eq!(seen, 1);
    }

    #[test]
    fn a_cut_never_falls_inside_quotes() {
        assert_eq!(last_row_end(b"a,b\nc,\"d\ne\"\n"), Some(12));
        assert_eq!(last_row_end(b"a,b\nc,\"d\ne"), Some(4));
        assert_eq!(last_row_end(b"a,\"b\nc"), None);
    }

    #[test]
    fn rows_come_back_in_order_with_their_lines_and_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.csv");
        let mut text = String::from("id,notes\r\n");
        for i in 0..20_000 {
            if i % 7 == 0 {
                text.push_str(&format!("E{i},\"two\nlines, \"\"quoted\"\"\"\r\n"));
            } else {
                text.push_str(&format!("E{i},طرابلس\r\n"));
            }
        }
        text.push_str("bad,row,extra\n");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let head = CsvHead {
            chunk_bytes: 16 << 10,
            ..head(&path).unwrap()
        };
        let mut got: Vec<(String, u64, u64)> = Vec::new();
        let mut problems = Vec::new();
        let mut chunks = 0;
        par_chunks(
            &head,
            3,
            |chunk| {
                let mut out = Vec::new();
                rows(chunk, &head, |row| {
                    out.push(match row {
                        Row::Record(r, offset) => {
                            Ok((r.values[0].to_string(), r.origin.line.unwrap(), offset))
                        }
                        Row::Problem(d) => Err(d),
                    })
                });
                out
            },
            |rows| {
                chunks += 1;
                for row in rows {
                    match row {
                        Ok(r) => got.push(r),
                        Err(d) => problems.push(d),
                    }
                }
                Ok(true)
            },
        )
        .unwrap();
        assert!(chunks > 1, "the test file should span several chunks");
        assert_eq!(got.len(), 20_000);
        let mut line = 2;
        for (i, (id, l, _)) in got.iter().enumerate() {
            assert_eq!((id.as_str(), *l), (format!("E{i}").as_str(), line));
            line += if i % 7 == 0 { 2 } else { 1 };
        }
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].origin.line, Some(line));
        // Offsets read the rows back, in any order.
        let mut reader = RowReader::open(&head).unwrap();
        for i in [13_001, 7, 19_999, 0] {
            let (id, l, offset) = &got[i];
            let row = reader.row_at(*offset, *l).unwrap();
            assert_eq!(&row.values[0], id);
            assert_eq!(row.origin.line, Some(*l));
        }
    }
}
