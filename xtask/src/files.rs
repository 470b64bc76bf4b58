//! The one place that decides, for every file xtask generates (snapshots, synthetic specs,
//! reports), whether it is up to date, written now, or stale: `regen` and `regen --check`
//! both go through [`ensure_file_contents`], so they can never disagree on what "stale"
//! means (the idea of rust-analyzer's `ensure_file_contents`).

use std::fs;
use std::path::Path;

/// Whether a file that is not up to date is brought up to date or only reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// Where a file stands after [`ensure_file_contents`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileState {
    /// It already held what it should (or is absent, as it should be).
    UpToDate,
    /// It was written (or removed) now.
    Written,
    /// It does not hold what it should, and `Mode::Check` left it as it is.
    Stale,
}

/// Whether the text on disk (first) already counts as the wanted text (second): snapshots
/// compare their content without insta's header, other files byte for byte.
pub type SameContent = fn(&str, &str) -> bool;

/// Byte-for-byte equality, for files whose every byte is generated.
pub fn exact(on_disk: &str, wanted: &str) -> bool {
    on_disk == wanted
}

/// Brings `path` to hold `wanted` (`None`: the file should not exist), or with
/// `Mode::Check` only says whether it does. An unchanged file is never rewritten, so cargo
/// does not rebuild what depends on it.
pub fn ensure_file_contents(
    path: &Path,
    wanted: Option<&str>,
    same: SameContent,
    mode: Mode,
) -> Result<FileState, String> {
    let on_disk = fs::read_to_string(path).ok();
    let up_to_date = match (on_disk.as_deref(), wanted) {
        (None, None) => true,
        (Some(old), Some(new)) => same(old, new),
        _ => false,
    };
    if up_to_date {
        return Ok(FileState::UpToDate);
    }
    if mode == Mode::Check {
        return Ok(FileState::Stale);
    }
    match wanted {
        Some(text) => {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        None => {
            fs::remove_file(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?
        }
    }
    Ok(FileState::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_of_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/file.txt");
        let ensure = |wanted, mode| ensure_file_contents(&path, wanted, exact, mode).unwrap();

        assert_eq!(ensure(Some("one"), Mode::Check), FileState::Stale);
        assert!(!path.exists(), "a check writes nothing");
        assert_eq!(ensure(Some("one"), Mode::Write), FileState::Written);
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        assert_eq!(ensure(Some("one"), Mode::Check), FileState::UpToDate);
        assert_eq!(ensure(Some("one"), Mode::Write), FileState::UpToDate);
        assert_eq!(ensure(Some("two"), Mode::Check), FileState::Stale);
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        assert_eq!(ensure(None, Mode::Check), FileState::Stale);
        assert_eq!(ensure(None, Mode::Write), FileState::Written);
        assert!(!path.exists(), "an unwanted file is removed");
        assert_eq!(ensure(None, Mode::Check), FileState::UpToDate);
    }

    #[test]
    fn the_comparison_decides_what_counts_as_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.txt");
        fs::write(&path, "text\n\n").unwrap();
        let trimmed = |a: &str, b: &str| a.trim_end() == b.trim_end();
        let state = ensure_file_contents(&path, Some("text"), trimmed, Mode::Write).unwrap();
        assert_eq!(state, FileState::UpToDate);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "text\n\n",
            "not rewritten"
        );
    }
}
