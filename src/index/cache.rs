//! The persistent cache of a [`Table`] and its [`Index`] for one events file, so a repeated
//! query over unchanged data skips parsing every row.
//!
//! The cache lives beside the data, in `<dir>/.frontline-cache/<file name>.index` (of the
//! file's canonical path, so symbolic links share the cache of their target); when that
//! folder cannot be written (read-only data) it falls back to `$XDG_CACHE_HOME/frontline/`
//! (or `$HOME/.cache/frontline/`) under a name prefixed with a hash of the file's canonical
//! path, and when neither works nothing is cached.
//!
//! A cache is never trusted when it cannot be verified: it records a [`Stamp`] of the events
//! file and of every reference file its entries depend on (front areas, gazetteer), and
//! [`load`] gives `None` unless each is unchanged, the format and the crate version match and
//! the whole file decodes. The caller then rebuilds the table and [`store`]s it again.
//!
//! The file is the line `frontline-index 1`, then bincode (fixed-width integers, little
//! endian) of the format version, the crate version, the stamps, the table and the index.

use super::fnv::Fnv;
use super::{Index, Table};
use bincode::Options;
use rstar::{ParentNode, RTreeNode};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::hash::Hasher;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The first line of every cache file.
const MAGIC: &[u8] = b"frontline-index 1\n";

/// Bumped whenever the encoded layout of the header, [`Table`] or [`Index`] changes.
const FORMAT: u32 = 5;

/// The folder beside the data that holds its caches.
const DIR: &str = ".frontline-cache";

/// Buffer size for reading and writing a cache (a 1M-event cache is about 100 MB).
const BUFFER: usize = 1 << 20;

/// Bytes hashed at the start and at the end of a file.
const EDGE: u64 = 64 * 1024;
/// Size and number of the blocks hashed between the two edges.
const BLOCK: u64 = 4 * 1024;
const BLOCKS: u64 = 16;

/// What identifies an events or reference file's content: enough to notice an edit, an
/// append or a replacement without reading the whole file.
///
/// The hash samples the file (the first and last 64 KiB and 16 blocks of 4 KiB spread evenly
/// between them; a file of up to 192 KiB is hashed whole), so an edit that keeps the length,
/// falls between the samples and also restores the modification time goes unnoticed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The file's canonical path.
    pub path: PathBuf,
    /// Its length in bytes.
    pub len: u64,
    /// Its modification time, in nanoseconds since the Unix epoch (negative before it).
    pub modified_ns: i128,
    /// FNV-1a 64 of the sampled content.
    pub hash: u64,
}

impl Stamp {
    /// Stamps a regular file; `None` when anything about it cannot be read (missing file, no
    /// modification time, an I/O error, not a regular file, or a file changing meanwhile).
    pub fn of(path: &Path) -> Option<Stamp> {
        let path = fs::canonicalize(path).ok()?;
        // Checked before opening: sampling a FIFO would block or consume it.
        let before = fs::metadata(&path).ok()?;
        if !before.is_file() {
            return None;
        }
        let mut file = File::open(&path).ok()?;
        let hash = sample_hash(&mut file, before.len()).ok()?;
        let after = file.metadata().ok()?;
        let modified_ns = nanos(before.modified().ok()?);
        if after.len() != before.len() || nanos(after.modified().ok()?) != modified_ns {
            return None;
        }
        Some(Stamp {
            path,
            len: before.len(),
            modified_ns,
            hash,
        })
    }
}

/// A reference file as it was when the cache was written: present with its stamp, or absent
/// (so creating it later invalidates the cache).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum ReferenceFile {
    Present(Stamp),
    Absent(PathBuf),
}

impl ReferenceFile {
    /// `None` when the file exists but cannot be stamped.
    fn of(path: &Path) -> Option<ReferenceFile> {
        match fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Some(ReferenceFile::Absent(std::path::absolute(path).ok()?))
            }
            _ => Stamp::of(path).map(ReferenceFile::Present),
        }
    }
}

/// Everything a cache must match before its table is read.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    format: u32,
    crate_version: String,
    data: Stamp,
    reference: Vec<ReferenceFile>,
}

impl Header {
    /// The header a cache of `file` must have now; `None` when any file cannot be stamped.
    fn now(file: &Path, reference: &[PathBuf]) -> Option<Header> {
        Some(Header {
            format: FORMAT,
            crate_version: env!("CARGO_PKG_VERSION").to_string(),
            data: Stamp::of(file)?,
            reference: reference
                .iter()
                .map(|p| ReferenceFile::of(p))
                .collect::<Option<_>>()?,
        })
    }

    /// What differs between a cache's header and the one expected now, in words.
    fn difference(&self, now: &Header) -> &'static str {
        if self.format != now.format || self.crate_version != now.crate_version {
            "written by another version of frontline"
        } else if self.data != now.data {
            "the events file changed"
        } else {
            "the gazetteer or the front areas changed"
        }
    }
}

/// Reads the cached table and index of `file`, or `None` when there is none or it cannot be
/// trusted (the file or a reference file changed, another format or crate version, a decode
/// error). The table comes back reindexed, ready for [`Table::push`] and queries.
///
/// # Examples
///
/// ```
/// use frontline::index::{cache, Index, Table};
///
/// let dir = tempfile::tempdir()?;
/// let events = dir.path().join("events.csv");
/// std::fs::write(&events, "event_id_cnty,event_date\n")?;
/// let fronts = dir.path().join("fronts.geojson"); // absent: stamped as absent
/// let table = Table::default();
/// cache::store(&events, &[fronts.clone()], &table, &Index::build(&table));
/// assert!(dir.path().join(".frontline-cache/events.csv.index").is_file());
/// let (loaded, _index) = cache::load(&events, &[fronts.clone()]).expect("unchanged");
/// assert_eq!(loaded.entries, table.entries);
///
/// std::fs::write(&fronts, "{}")?; // a reference file appears: the cache is stale
/// assert!(cache::load(&events, &[fronts]).is_none());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn load(file: &Path, reference: &[PathBuf]) -> Option<(Table, Index)> {
    match load_from(file, reference, &places(file, cache_home().as_deref())) {
        Ok(found) => found,
        Err(why) => {
            note(&why);
            None
        }
    }
}

/// Why a cached index was passed over or not written: said on standard error, never an
/// error, since the index is rebuilt from the data.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The events file or a reference file changed since the cache was written, or the
    /// cache is of another version of frontline.
    #[error("the index cached in {} is stale ({why}); rebuilding it", place.display())]
    Stale {
        /// The cache file.
        place: PathBuf,
        /// What changed.
        why: &'static str,
    },
    /// The cache file does not decode, or decodes to ids outside its own table.
    #[error("the index cached in {} is damaged ({why}); rebuilding it", place.display())]
    Corrupt {
        /// The cache file.
        place: PathBuf,
        /// What was wrong.
        why: String,
    },
    /// No place would take the cache (read-only data and no writable cache home).
    #[error("the index of {} could not be cached ({source}); the next run reads it again", file.display())]
    Unwritable {
        /// The events file.
        file: PathBuf,
        /// What the system said at the last place tried.
        source: io::Error,
    },
}

/// Says on standard error why a cache was passed over.
fn note(why: &CacheError) {
    eprintln!("frontline: note: {why}");
}

/// Whether `file` has a cache that matches it and `reference` as they are now (only the
/// stamps are read, not the table).
pub fn is_fresh(file: &Path, reference: &[PathBuf]) -> bool {
    let Some(expected) = Header::now(file, reference) else {
        return false;
    };
    places(file, cache_home().as_deref())
        .iter()
        .any(|place| read_header(place).is_some_and(|h| h == expected))
}

/// Writes the cache of `file`'s table and index, stamped with `file` and `reference` as they
/// are now. Errors are ignored, as a cache that cannot be written only makes the next run
/// slower; a partly written cache is never left behind.
///
/// Call it right after reading `file`: a change made between reading and storing would be
/// stamped as if the table held it.
pub fn store(file: &Path, reference: &[PathBuf], table: &Table, index: &Index) {
    store_to(
        file,
        reference,
        table,
        index,
        &places(file, cache_home().as_deref()),
    )
}

/// Removes the cache of `file`, wherever it was written (a cache that is not there is
/// already removed).
pub fn clear(file: &Path) -> io::Result<()> {
    let gone = |result: io::Result<()>| match result {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    };
    for place in places(file, cache_home().as_deref()) {
        gone(fs::remove_file(&place))?;
    }
    // Leave the data folder as it was when this was its only cache; a folder still holding
    // other caches is not empty and stays.
    if let Some(dir) = places(file, None).first().and_then(|p| p.parent()) {
        if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none()) {
            gone(fs::remove_dir(dir))?;
        }
    }
    Ok(())
}

/// Where the cache of `file` may be, best first: beside the data, then under `cache_home`.
/// Empty when the file has no canonical path (and so no stamp).
fn places(file: &Path, cache_home: Option<&Path>) -> Vec<PathBuf> {
    let Ok(canonical) = fs::canonicalize(file) else {
        return Vec::new();
    };
    let (Some(dir), Some(name)) = (canonical.parent(), canonical.file_name()) else {
        return Vec::new();
    };
    let mut index_name = name.to_os_string();
    index_name.push(".index");
    let mut places = vec![dir.join(DIR).join(&index_name)];
    if let Some(home) = cache_home {
        // Files of one name in different folders must not share a fallback cache.
        let mut hash = Fnv::default();
        hash.write(canonical.as_os_str().as_encoded_bytes());
        let mut fallback = std::ffi::OsString::from(format!("{:016x}-", hash.finish()));
        fallback.push(&index_name);
        places.push(home.join("frontline").join(fallback));
    }
    places
}

/// `$XDG_CACHE_HOME`, or `$HOME/.cache` when it is unset (XDG Base Directory Specification:
/// a relative `$XDG_CACHE_HOME` is ignored).
fn cache_home() -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    std::env::var_os("XDG_CACHE_HOME")
        .and_then(absolute)
        .or_else(|| {
            std::env::var_os("HOME")
                .and_then(absolute)
                .map(|h| h.join(".cache"))
        })
}

/// The first cache among `places` that matches `file` and `reference` now: `Ok(None)` when
/// there is none, an error when one was there but stale or damaged.
fn load_from(
    file: &Path,
    reference: &[PathBuf],
    places: &[PathBuf],
) -> Result<Option<(Table, Index)>, CacheError> {
    let Some(expected) = Header::now(file, reference) else {
        return Ok(None);
    };
    let mut passed_over = None;
    for place in places.iter().filter(|p| p.is_file()) {
        match read(place, &expected) {
            Ok(found) => return Ok(Some(found)),
            Err(why) => passed_over = passed_over.or(Some(why)),
        }
    }
    passed_over.map_or(Ok(None), Err)
}

fn store_to(file: &Path, reference: &[PathBuf], table: &Table, index: &Index, places: &[PathBuf]) {
    let Some(header) = Header::now(file, reference) else {
        return;
    };
    let mut last = None;
    for place in places {
        match write(place, &header, table, index) {
            Ok(()) => return,
            Err(e) => last = Some(e),
        }
    }
    if let Some(source) = last {
        note(&CacheError::Unwritable {
            file: file.to_path_buf(),
            source,
        });
    }
}

/// The encoding both sides use: bincode's fixed-width integers, which decode faster than
/// varints and keep an `Entry` at a fixed 64 bytes.
fn options() -> impl Options {
    bincode::DefaultOptions::new().with_fixint_encoding()
}

/// The magic line and stamps of a cache file, and a reader at its body.
fn open_header(place: &Path) -> Result<(Header, BufReader<File>, u64), CacheError> {
    let corrupt = |why: String| CacheError::Corrupt {
        place: place.to_path_buf(),
        why,
    };
    let file = File::open(place).map_err(|e| corrupt(e.to_string()))?;
    let len = file.metadata().map_err(|e| corrupt(e.to_string()))?.len();
    let mut reader = BufReader::with_capacity(BUFFER, file);
    let mut magic = [0u8; MAGIC.len()];
    reader
        .read_exact(&mut magic)
        .map_err(|e| corrupt(e.to_string()))?;
    if magic != MAGIC {
        return Err(corrupt("not a frontline index".into()));
    }
    // The limit keeps a corrupt length from allocating more than the file holds.
    let header: Header = options()
        .with_limit(len)
        .allow_trailing_bytes()
        .deserialize_from(&mut reader)
        .map_err(|e| corrupt(e.to_string()))?;
    Ok((header, reader, len))
}

fn read_header(place: &Path) -> Option<Header> {
    open_header(place).ok().map(|(header, _, _)| header)
}

/// The table and index in the cache at `place` when its header is `expected`.
fn read(place: &Path, expected: &Header) -> Result<(Table, Index), CacheError> {
    // The header first, so a stale cache is rejected without decoding its table.
    let (header, mut reader, len) = open_header(place)?;
    if header != *expected {
        return Err(CacheError::Stale {
            place: place.to_path_buf(),
            why: header.difference(expected),
        });
    }
    let corrupt = |why: String| CacheError::Corrupt {
        place: place.to_path_buf(),
        why,
    };
    let mut body = Vec::with_capacity(len as usize);
    reader
        .read_to_end(&mut body)
        .map_err(|e| corrupt(e.to_string()))?;
    let (mut table, index): (Table, Index) = options()
        .deserialize(&body)
        .map_err(|e| corrupt(e.to_string()))?;
    if !consistent(&table, &index) {
        return Err(corrupt("ids outside its table".into()));
    }
    table.reindex();
    Ok((table, index))
}

/// Whether every id in the table and index points inside it, so a cache that decodes but
/// was damaged cannot make a query index out of bounds.
fn consistent(table: &Table, index: &Index) -> bool {
    let n = table.entries.len();
    let entries_ok = table.entries.iter().all(|e| {
        (e.front as usize) < table.fronts.len()
            && (e.actors as usize + e.actor_count as usize) <= table.actor_lists.len()
    });
    let actors_ok = table
        .actor_lists
        .iter()
        .all(|a| (*a as usize) < table.actors.len());
    let in_table = |i: &u32| (*i as usize) < n;
    entries_ok
        && actors_ok
        && index.trees.iter().map(|t| t.size()).sum::<usize>() == index.by_start.len()
        && index.trees.iter().all(|t| leaves_in(t.root(), n))
        && index.by_start.len() + index.long.len() == n
        && index.by_start.len() == index.starts.len()
        && index.by_start.iter().chain(&index.long).all(in_table)
}

/// Whether every leaf under `node` names an entry below `n` (a plain walk: a third faster
/// than the tree's iterator).
fn leaves_in(node: &ParentNode<super::Point>, n: usize) -> bool {
    node.children().iter().all(|child| match child {
        RTreeNode::Leaf(point) => (point.data as usize) < n,
        RTreeNode::Parent(parent) => leaves_in(parent, n),
    })
}

/// Writes the cache at `place` through a temporary file renamed into place, so a reader
/// never sees half a cache; the temporary file is removed on any error.
fn write(place: &Path, header: &Header, table: &Table, index: &Index) -> io::Result<()> {
    let dir = place.parent().ok_or(io::ErrorKind::InvalidInput)?;
    fs::create_dir_all(dir)?;
    let temp = crate::output::temporary_in(dir)?;
    let mut out = BufWriter::with_capacity(BUFFER, temp);
    out.write_all(MAGIC)?;
    options()
        .serialize_into(&mut out, header)
        .map_err(io::Error::other)?;
    options()
        .serialize_into(&mut out, &(table, index))
        .map_err(io::Error::other)?;
    let temp = out.into_inner().map_err(|e| e.into_error())?;
    // Readable by the group and others like every output, so people sharing a data
    // folder share its cache.
    crate::output::publish(&temp)?;
    temp.persist(place).map_err(|e| e.error)?;
    Ok(())
}

/// FNV-1a of the first and last [`EDGE`] bytes and [`BLOCKS`] blocks between them, or of the
/// whole file when it is no longer than those samples.
fn sample_hash(file: &mut File, len: u64) -> io::Result<u64> {
    let mut hash = Fnv::default();
    let mut buf = vec![0u8; EDGE as usize];
    let mut sample = |file: &mut File, offset: u64, size: u64| -> io::Result<()> {
        let chunk = &mut buf[..size as usize];
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(chunk)?;
        hash.write(chunk);
        Ok(())
    };
    if len <= 2 * EDGE + BLOCKS * BLOCK {
        for offset in (0..len).step_by(EDGE as usize) {
            sample(file, offset, EDGE.min(len - offset))?;
        }
    } else {
        sample(file, 0, EDGE)?;
        let span = len - 2 * EDGE - BLOCK;
        for i in 0..BLOCKS {
            sample(file, EDGE + span * i / (BLOCKS - 1), BLOCK)?;
        }
        sample(file, len - EDGE, EDGE)?;
    }
    Ok(hash.finish())
}

/// A time as signed nanoseconds from the Unix epoch.
fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::fixtures::{event, fronts};
    use crate::event::date::DateInterval;
    use crate::filter::{Bbox, DateMode, DateRange, Filter};
    use crate::index::{Compiled, Entry};
    use chrono::NaiveDate;
    use std::time::{Duration, Instant};

    /// An events file, its cache places (beside it, then under a cache home) and a table.
    struct Fixture {
        dir: tempfile::TempDir,
        file: PathBuf,
        places: Vec<PathBuf>,
        table: Table,
        index: Index,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("events.csv");
        fs::write(&file, "event_id_cnty,event_date\nLBY1,2019-04-04\n").unwrap();
        let home = dir.path().join("home-cache");
        let places = places(&file, Some(&home));
        let fronts = ["ain-zara", "airport-road", "South Tripoli", "sirte-jufra"];
        let mut table = Table::default();
        for i in 0..40u32 {
            let mut e = event(
                &format!("LBY{i}"),
                "2019-04-04",
                fronts[i as usize % 4],
                13.0 + f64::from(i % 8) * 0.05,
                32.5 + f64::from(i / 8) * 0.05,
            );
            let day =
                NaiveDate::from_ymd_opt(2019, 4, 4).unwrap() + chrono::Duration::days(i.into());
            e.date = DateInterval::day(day);
            if i % 3 == 0 {
                e.actor2.push("Wagner Group".into());
            }
            table.push(&e, i % 2, u64::from(i) * 40);
        }
        let index = Index::build(&table);
        Fixture {
            dir,
            file,
            places,
            table,
            index,
        }
    }

    impl Fixture {
        fn store(&self, reference: &[PathBuf]) {
            store_to(
                &self.file,
                reference,
                &self.table,
                &self.index,
                &self.places,
            );
        }

        fn load(&self, reference: &[PathBuf]) -> Option<(Table, Index)> {
            load_from(&self.file, reference, &self.places)
                .ok()
                .flatten()
        }

        /// Files left in the cache folders other than caches (a temporary file would show).
        fn strays(&self) -> Vec<PathBuf> {
            self.places
                .iter()
                .filter_map(|p| fs::read_dir(p.parent()?).ok())
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_none_or(|x| x != "index"))
                .collect()
        }
    }

    fn filters() -> Vec<Filter> {
        vec![
            Filter::default(),
            Filter {
                bbox: Some(Bbox::new(13.04, 32.5, 13.16, 32.62)),
                ..Filter::default()
            },
            Filter {
                dates: Some(DateRange {
                    from: NaiveDate::from_ymd_opt(2019, 4, 10),
                    to: NaiveDate::from_ymd_opt(2019, 4, 20),
                    mode: DateMode::Overlap,
                }),
                fronts: vec!["ain-zara".into()],
                ..Filter::default()
            },
            Filter {
                actors: vec!["wagner group".into()],
                ..Filter::default()
            },
        ]
    }

    fn select(table: &Table, index: &Index, filter: &Filter) -> Vec<u32> {
        let compiled = Compiled::new(filter, table, &fronts()).unwrap();
        index.select(table, &compiled).0
    }

    #[test]
    fn a_stored_table_loads_equal_and_its_index_selects_the_same() {
        let f = fixture();
        f.store(&[]);
        let beside = f.dir.path().join(".frontline-cache/events.csv.index");
        assert_eq!(
            f.places[0],
            fs::canonicalize(&f.file)
                .unwrap()
                .parent()
                .unwrap()
                .join(".frontline-cache/events.csv.index")
        );
        assert!(fs::read(&beside).unwrap().starts_with(MAGIC));
        #[cfg(unix)]
        {
            // Readable by everyone sharing the data folder, as the outputs are (a
            // temporary file's 0600 once made every other user rebuild it).
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&beside).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        let (table, index) = f.load(&[]).expect("a fresh cache loads");
        assert_eq!(table.entries, f.table.entries);
        assert_eq!(table.fronts, f.table.fronts);
        assert_eq!(table.actors, f.table.actors);
        assert_eq!(table.actor_lists, f.table.actor_lists);
        for filter in filters() {
            let expected = select(&f.table, &f.index, &filter);
            assert!(!expected.is_empty(), "{filter:?}");
            assert_eq!(select(&table, &index, &filter), expected, "{filter:?}");
        }
        assert_eq!(f.strays(), Vec::<PathBuf>::new());
    }

    #[test]
    fn the_loaded_table_is_reindexed_and_takes_more_events() {
        let f = fixture();
        f.store(&[]);
        let (mut table, _) = f.load(&[]).unwrap();
        let mut expected = f.table.clone();
        let e = event("LBY99", "2019-05-01", "ain-zara", 13.2, 32.8);
        table.push(&e, 0, 9999);
        expected.push(&e, 0, 9999);
        assert_eq!(table.entries, expected.entries);
        assert_eq!(table.fronts, expected.fronts);
        assert_eq!(table.actors, expected.actors);
    }

    #[test]
    fn an_edit_of_equal_length_with_the_mtime_restored_is_caught_by_the_hash() {
        let f = fixture();
        f.store(&[]);
        let before = Stamp::of(&f.file).unwrap();
        let modified = fs::metadata(&f.file).unwrap().modified().unwrap();
        fs::write(&f.file, "event_id_cnty,event_date\nLBY2,2019-04-04\n").unwrap();
        File::options()
            .write(true)
            .open(&f.file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let after = Stamp::of(&f.file).unwrap();
        assert_eq!(
            (after.len, after.modified_ns),
            (before.len, before.modified_ns)
        );
        assert_ne!(after.hash, before.hash);
        assert!(f.load(&[]).is_none());
    }

    #[test]
    fn an_appended_byte_invalidates() {
        let f = fixture();
        f.store(&[]);
        assert!(f.load(&[]).is_some());
        let mut file = File::options().append(true).open(&f.file).unwrap();
        file.write_all(b"\n").unwrap();
        assert!(f.load(&[]).is_none());
    }

    #[test]
    fn a_large_file_is_sampled_at_its_edges_and_spread_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let len = 1_000_000u64;
        let content: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let hash_with = |at: u64| {
            let mut c = content.clone();
            c[at as usize] ^= 1;
            fs::write(&path, &c).unwrap();
            Stamp::of(&path).unwrap().hash
        };
        fs::write(&path, &content).unwrap();
        let original = Stamp::of(&path).unwrap().hash;
        let span = len - 2 * EDGE - BLOCK;
        let sampled = [0, EDGE - 1, EDGE + span / 15, EDGE + span * 7 / 15, len - 1];
        for at in sampled {
            assert_ne!(hash_with(at), original, "byte {at} is sampled");
        }
        // The documented limit: a byte between the samples is not read.
        assert_eq!(hash_with(EDGE + BLOCK + 10), original);
    }

    #[test]
    fn a_changed_created_or_removed_reference_file_invalidates() {
        let f = fixture();
        let fronts = f.dir.path().join("fronts.geojson");
        let gazetteer = f.dir.path().join("gazetteer.tsv");
        fs::write(&fronts, "{}").unwrap();
        let reference = vec![fronts.clone(), gazetteer.clone()];
        f.store(&reference);
        assert!(f.load(&reference).is_some());
        // Touched: same content, a later mtime.
        File::options()
            .write(true)
            .open(&fronts)
            .unwrap()
            .set_modified(SystemTime::now() + Duration::from_secs(60))
            .unwrap();
        assert!(f.load(&reference).is_none());
        f.store(&reference);
        assert!(f.load(&reference).is_some());
        // Created where it was absent.
        fs::write(&gazetteer, "geonameid\n").unwrap();
        assert!(f.load(&reference).is_none());
        f.store(&reference);
        assert!(f.load(&reference).is_some());
        // Removed.
        fs::remove_file(&gazetteer).unwrap();
        assert!(f.load(&reference).is_none());
        // Another list of reference files is another cache.
        f.store(&reference);
        assert!(f.load(&reference[..1]).is_none());
    }

    #[test]
    fn a_corrupt_cache_is_not_loaded() {
        let f = fixture();
        f.store(&[]);
        let good = fs::read(&f.places[0]).unwrap();
        let header_end = MAGIC.len() + 200;
        let mut garbage = good.clone();
        for (i, b) in garbage.iter_mut().enumerate().skip(header_end) {
            *b = (i as u8).wrapping_mul(151) ^ 0x5a;
        }
        let mut wrong_magic = good.clone();
        wrong_magic[0] = b'F';
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("magic only", MAGIC.to_vec()),
            ("half the magic", MAGIC[..5].to_vec()),
            ("truncated in the header", good[..MAGIC.len() + 20].to_vec()),
            ("truncated in the table", good[..good.len() / 2].to_vec()),
            ("one byte short", good[..good.len() - 1].to_vec()),
            ("one byte more", [good.as_slice(), b"x"].concat()),
            ("garbage after the header", garbage),
            (
                "all garbage",
                (0..good.len()).map(|i| (i * 7 + 3) as u8).collect(),
            ),
            ("all 0xff", vec![0xff; good.len()]),
            ("wrong magic", wrong_magic),
        ];
        for (name, bytes) in cases {
            fs::write(&f.places[0], bytes).unwrap();
            assert!(f.load(&[]).is_none(), "{name}");
        }
        fs::write(&f.places[0], good).unwrap();
        assert!(f.load(&[]).is_some());
    }

    #[test]
    fn another_format_or_crate_version_is_not_loaded() {
        let f = fixture();
        let now = Header::now(&f.file, &[]).unwrap();
        let headers = [
            Header {
                format: FORMAT + 1,
                ..Header::now(&f.file, &[]).unwrap()
            },
            Header {
                crate_version: "0.0.0-other".into(),
                ..Header::now(&f.file, &[]).unwrap()
            },
        ];
        for header in headers {
            write(&f.places[0], &header, &f.table, &f.index).unwrap();
            assert!(f.load(&[]).is_none(), "{header:?}");
        }
        write(&f.places[0], &now, &f.table, &f.index).unwrap();
        assert!(f.load(&[]).is_some());
    }

    #[test]
    fn a_cache_that_decodes_but_points_outside_its_table_is_not_loaded() {
        let f = fixture();
        let header = Header::now(&f.file, &[]).unwrap();
        let mut table = f.table.clone();
        table.entries[3].front = 99;
        write(&f.places[0], &header, &table, &f.index).unwrap();
        assert!(f.load(&[]).is_none());
        let mut table = f.table.clone();
        table.entries.pop();
        write(&f.places[0], &header, &table, &f.index).unwrap();
        assert!(f.load(&[]).is_none());
    }

    #[test]
    fn an_unwritable_data_folder_falls_back_to_the_cache_home() {
        let f = fixture();
        // A file where the cache folder should be: cannot be created, even by root (who
        // ignores read-only permissions).
        fs::write(f.dir.path().join(DIR), "").unwrap();
        f.store(&[]);
        let fallback = &f.places[1];
        let name = fallback.file_name().unwrap().to_str().unwrap();
        let (hash, rest) = name.split_at(16);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{name}");
        assert_eq!(rest, "-events.csv.index");
        assert!(fallback.is_file());
        let (table, _) = f.load(&[]).expect("loads from the fallback");
        assert_eq!(table.entries, f.table.entries);
        assert_eq!(f.strays(), Vec::<PathBuf>::new());
    }

    #[test]
    fn nothing_is_cached_when_no_folder_can_be_written() {
        let f = fixture();
        fs::write(f.dir.path().join(DIR), "").unwrap();
        fs::write(f.dir.path().join("home-cache"), "").unwrap();
        f.store(&[]);
        assert!(f.load(&[]).is_none());
        let mut names: Vec<_> = fs::read_dir(f.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [DIR, "events.csv", "home-cache"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        use std::os::unix::ffi::OsStrExt;
        let f = fixture();
        let mut header = Header::now(&f.file, &[]).unwrap();
        // bincode cannot write a path that is not UTF-8: the write fails half-way.
        header.data.path = PathBuf::from(std::ffi::OsStr::from_bytes(b"/tmp/\xff.csv"));
        assert!(write(&f.places[0], &header, &f.table, &f.index).is_err());
        assert!(!f.places[0].exists());
        assert_eq!(f.strays(), Vec::<PathBuf>::new());
    }

    #[test]
    fn files_of_one_name_in_two_folders_have_distinct_fallbacks() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for d in [&a, &b] {
            fs::create_dir(d).unwrap();
            fs::write(d.join("events.csv"), "x").unwrap();
        }
        let pa = places(&a.join("events.csv"), Some(&home));
        let pb = places(&b.join("events.csv"), Some(&home));
        assert_ne!(pa[1], pb[1]);
        assert_eq!(pa[1].parent(), pb[1].parent());
    }

    #[test]
    fn what_cannot_be_stamped_is_never_cached() {
        let f = fixture();
        assert!(Stamp::of(f.dir.path()).is_none(), "a folder");
        assert!(Stamp::of(&f.dir.path().join("missing.csv")).is_none());
        let missing = f.dir.path().join("missing.csv");
        store_to(&missing, &[], &f.table, &f.index, &f.places);
        assert!(!f.places[0].exists());
        assert!(matches!(load_from(&missing, &[], &f.places), Ok(None)));
    }

    #[test]
    fn clear_removes_the_cache() {
        let f = fixture();
        f.store(&[]);
        assert!(f.load(&[]).is_some());
        for place in &f.places {
            let _ = fs::remove_file(place);
        }
        assert!(f.load(&[]).is_none());
        // Through the public functions, which use the real cache home for the fallback.
        store(&f.file, &[], &f.table, &f.index);
        assert!(load(&f.file, &[]).is_some());
        clear(&f.file).unwrap();
        assert!(load(&f.file, &[]).is_none());
        assert!(!f.dir.path().join(DIR).exists());
    }

    /// Times `store` and `load` of a synthetic 1M-entry table (no assertion on time: run
    /// `cargo test --release --lib measure_a_million_entries -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn measure_a_million_entries() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut table = Table {
            fronts: (0..40).map(|i| format!("front-{i}")).collect(),
            actors: (0..5000).map(|i| format!("actor number {i}")).collect(),
            ..Table::default()
        };
        let mut offset = 0;
        for i in 0..1_000_000u32 {
            let r = next();
            let start = 730_000 + (r % 3000) as i32;
            let actor_count = 1 + (r >> 20) as u16 % 3;
            let actors = table.actor_lists.len() as u32;
            for k in 0..actor_count {
                table.actor_lists.push(((r >> (24 + k * 12)) % 5000) as u32);
            }
            table.entries.push(Entry {
                lon: -20.0 + (next() % 70_000) as f64 / 1000.0,
                lat: -35.0 + (next() % 72_000) as f64 / 1000.0,
                start,
                end: start + if r % 10 == 0 { (r >> 8) as i32 % 90 } else { 0 },
                recorded: start,
                front: (r >> 40) as u32 % 40,
                actors,
                actor_count,
                event_type: (r >> 50) as u8 % 6,
                sub_event_type: (r >> 53) as u8 % 25,
                claim: (r >> 61) as u8 % 3,
                fatalities: (r >> 56) as u32 % 20,
                file: 0,
                offset,
                line: u64::from(i) + 2,
            });
            offset += 483;
        }
        table.reindex();
        let t = Instant::now();
        let index = Index::build(&table);
        println!("Index::build: {:?}", t.elapsed());
        let f = fixture();
        let reference = vec![f.dir.path().join("fronts.geojson")];
        let (mut stores, mut loads, mut checks) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..7 {
            let t = Instant::now();
            store_to(&f.file, &reference, &table, &index, &f.places);
            stores.push(t.elapsed());
            let t = Instant::now();
            let loaded = load_from(&f.file, &reference, &f.places)
                .ok()
                .flatten()
                .expect("loads");
            loads.push(t.elapsed());
            let t = Instant::now();
            assert!(consistent(&loaded.0, &loaded.1));
            checks.push(t.elapsed());
            assert!(loaded.0.entries == table.entries);
        }
        for v in [&mut stores, &mut loads, &mut checks] {
            v.sort();
        }
        let size = fs::metadata(&f.places[0]).unwrap().len();
        println!(
            "cache file: {size} bytes ({:.1} MiB)",
            size as f64 / f64::from(1 << 20)
        );
        println!(
            "store min {:?}, median {:?}, max {:?}",
            stores[0], stores[3], stores[6]
        );
        println!(
            "load  min {:?}, median {:?}, max {:?}",
            loads[0], loads[3], loads[6]
        );
        println!("of which the consistency check: median {:?}", checks[3]);
        // Where the time goes: reading the bytes, then decoding them.
        let t = Instant::now();
        let bytes = fs::read(&f.places[0]).unwrap();
        let read = t.elapsed();
        let header = Header::now(&f.file, &reference).unwrap();
        let body = MAGIC.len() + options().serialized_size(&header).unwrap() as usize;
        let t = Instant::now();
        let decoded: (Table, Index) = options().deserialize(&bytes[body..]).unwrap();
        let decode = t.elapsed();
        drop(decoded);
        let t = Instant::now();
        let copy = table.entries.clone();
        let entries = t.elapsed();
        drop(copy);
        println!("read the file {read:?}, decode {decode:?}; a clone of the entries {entries:?}");
    }
}
