//! Where a command's output goes: one [`Target`] for "a file written whole or not at all,
//! or standard output" (`-`, or no `-o`), so every command writes, fails and exits alike.
//!
//! A file is written to a temporary file in its own folder and renamed into place when
//! complete, so a reader never sees half a layer and a failed run leaves the old file. A
//! temporary file carries the writing process's id; one left behind by a process that was
//! killed is swept by the next write into that folder.

use crate::error::Error;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The name standard output goes by in messages.
pub const STDOUT: &str = "<stdout>";

/// Where a command writes its output.
pub enum Target {
    /// Standard output, buffered.
    Stdout(io::BufWriter<io::Stdout>),
    /// A file that appears at its path only when committed.
    File(AtomicFile),
}

impl Target {
    /// The file at `path`, or standard output for `None` or `-`.
    pub fn new(path: Option<&Path>) -> Result<Target, Error> {
        match path {
            Some(path) if path != Path::new("-") => Ok(Target::File(AtomicFile::create(path)?)),
            _ => Ok(Target::stdout()),
        }
    }

    /// Standard output.
    pub fn stdout() -> Target {
        Target::Stdout(io::BufWriter::with_capacity(1 << 20, io::stdout()))
    }

    /// The path to name in messages (`<stdout>` for standard output).
    pub fn path(&self) -> &Path {
        match self {
            Target::Stdout(_) => Path::new(STDOUT),
            Target::File(file) => &file.path,
        }
    }

    /// Whether this is standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self, Target::Stdout(_))
    }

    /// Writes all of `bytes`; an error names the target.
    pub fn put(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.write_all(bytes)
            .map_err(|e| Error::write(self.path(), e))
    }

    /// Finishes the output: flushes standard output, or renames the finished file into
    /// place. Dropped without it, a file target leaves nothing behind.
    pub fn commit(self) -> Result<(), Error> {
        match self {
            Target::Stdout(mut out) => out.flush().map_err(|e| Error::write(Path::new(STDOUT), e)),
            Target::File(file) => file.commit(false),
        }
    }
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Target::Stdout(out) => out.write(buf),
            Target::File(file) => file.writer.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Target::Stdout(out) => out.write_all(buf),
            Target::File(file) => file.writer.write_all(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Target::Stdout(out) => out.flush(),
            Target::File(file) => file.writer.flush(),
        }
    }
}

/// Writes `bytes` to `path` whole or not at all, creating its folder, and syncs it to disk
/// (for the layers `build` publishes).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.writer
        .write_all(bytes)
        .map_err(|e| Error::write(path, e))?;
    file.commit(true)
}

/// A file written piece by piece that appears at its path only when committed: dropped
/// uncommitted (an error, a panic's unwinding), it leaves nothing behind.
pub struct AtomicFile {
    path: PathBuf,
    writer: io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts a file at `path`, creating its folder.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let folder = folder_of(path);
        fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
        let file = temporary_in(folder).map_err(|e| Error::write(folder, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            writer: io::BufWriter::with_capacity(1 << 20, file),
        })
    }

    /// Renames the finished file into place, readable by all as a published file should
    /// be (a temporary file is private, 0600); with `sync`, its bytes reach the disk first.
    fn commit(self, sync: bool) -> Result<(), Error> {
        let path = self.path;
        let file = self
            .writer
            .into_inner()
            .map_err(|e| Error::write(&path, e.into_error()))?;
        publish(&file).map_err(|e| Error::write(&path, e))?;
        if sync {
            file.as_file()
                .sync_all()
                .map_err(|e| Error::write(&path, e))?;
        }
        file.persist(&path)
            .map_err(|e| Error::write(&path, e.error))?;
        Ok(())
    }
}

/// The folder a file is written in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes a finished temporary file readable by the group and others (0644).
pub fn publish(file: &tempfile::NamedTempFile) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// The prefix of every temporary file frontline writes.
const TEMPORARY: &str = ".frontline-";

/// A new temporary file in `folder`, named for this process; temporary files of processes
/// that are gone are swept first.
pub fn temporary_in(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    sweep(folder);
    tempfile::Builder::new()
        .prefix(&format!("{TEMPORARY}{}-", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(folder)
}

/// Removes the temporary files in `folder` that a killed frontline left behind: those
/// named for a process that no longer runs. Where processes can't be told (no `/proc`),
/// nothing is removed.
fn sweep(folder: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMPORARY))
            .filter(|n| n.ends_with(".tmp"))
            .and_then(|n| n.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new("/proc").join(pid.to_string()).exists() {
            // Another sweeper may have got there first; either way it is gone.
            if let Err(e) = fs::remove_file(entry.path()) {
                if e.kind() != io::ErrorKind::NotFound {
                    eprintln!(
                        "frontline: note: {}: a temporary file left by a stopped run could not be removed ({e})",
                        entry.path().display()
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("layers/a.geojson");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.geojson"]);
    }

    #[test]
    fn a_target_dropped_uncommitted_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        fs::write(&path, "old").unwrap();
        let mut target = Target::new(Some(&path)).unwrap();
        target.put(b"new, half").unwrap();
        drop(target);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn temporary_files_of_stopped_runs_are_swept_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        // No process has id 4294967295 (above Linux's pid_max); this one is running.
        let stray = dir.path().join(".frontline-4294967295-abc.tmp");
        let live = dir
            .path()
            .join(format!(".frontline-{}-abc.tmp", std::process::id()));
        let other = dir.path().join("notes.tmp");
        for p in [&stray, &live, &other] {
            fs::write(p, "x").unwrap();
        }
        write_atomic(&dir.path().join("a.csv"), b"a").unwrap();
        assert_eq!(stray.exists(), !Path::new("/proc/self").exists());
        assert!(live.exists() && other.exists());
    }

    #[test]
    fn published_files_are_readable_by_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        write_atomic(&path, b"a").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }
}
