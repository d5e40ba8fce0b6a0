//! Reading parts of a zip container (DOCX, ODT) within the limits.
//!
//! Declared sizes in a zip are not trusted: every entry is inflated through
//! a bounded reader that stops at the per-entry limit, at the running total,
//! and once the output outgrows the compressed input by more than the
//! allowed ratio.

use std::io::{Cursor, Read};

use resume_domain::ExtractError;
use zip::result::ZipError;
use zip::ZipArchive;

use crate::limits::{Deadline, Limits};

/// Entries smaller than this are never refused for their compression ratio:
/// small XML parts compress very well and hold no threat.
const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;

/// How much is inflated between two checks of the limits.
const CHUNK: usize = 64 * 1024;

/// An opened zip container.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    deadline: &'a Deadline,
    inflated: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip in `bytes`.
    ///
    /// # Errors
    /// [`ExtractError::Corrupt`] when it is not a readable zip,
    /// [`ExtractError::LimitExceeded`] for too many entries.
    pub(crate) fn open(
        bytes: &'a [u8],
        limits: &'a Limits,
        deadline: &'a Deadline,
    ) -> Result<Self, ExtractError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            ExtractError::Corrupt(format!("the zip container cannot be read ({e})"))
        })?;
        if archive.len() > limits.max_zip_entries {
            return Err(ExtractError::LimitExceeded {
                limit: "zip entries",
                detail: format!(
                    "the archive has {} entries; at most {} are read",
                    archive.len(),
                    limits.max_zip_entries
                ),
            });
        }
        Ok(Self {
            archive,
            limits,
            deadline,
            inflated: 0,
        })
    }

    /// Inflates the entry `name`; `None` when the archive has no such entry.
    ///
    /// # Errors
    /// [`ExtractError::LimitExceeded`] for an entry past the size, total or
    /// ratio limits, [`ExtractError::Encrypted`] for an encrypted entry,
    /// [`ExtractError::Corrupt`] for damaged data, [`ExtractError::Timeout`].
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
        let file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(entry_error(name, &e)),
        };
        if file.encrypted() {
            return Err(ExtractError::Encrypted);
        }
        let compressed = file.compressed_size().max(1);
        let declared = file.size();
        let budget = Budget {
            entry: self.limits.max_stream_bytes,
            total_left: self.limits.max_total_bytes.saturating_sub(self.inflated),
            ratio_cap: compressed
                .saturating_mul(self.limits.max_compression_ratio)
                .max(RATIO_FLOOR_BYTES),
        };
        let capacity = declared
            .min(budget.entry)
            .min(budget.total_left)
            .min(16 * 1024 * 1024);
        let mut out = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        inflate(file, &mut out, &budget, name, self.deadline)?;
        self.inflated += out.len() as u64;
        Ok(Some(out))
    }
}

/// The bounds one entry is read under.
struct Budget {
    entry: u64,
    total_left: u64,
    ratio_cap: u64,
}

fn inflate(
    mut file: impl Read,
    out: &mut Vec<u8>,
    budget: &Budget,
    name: &str,
    deadline: &Deadline,
) -> Result<(), ExtractError> {
    let mut chunk = vec![0u8; CHUNK];
    loop {
        deadline.check()?;
        let n = match file.read(&mut chunk) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(ExtractError::Corrupt(format!(
                    "the zip entry {name} cannot be inflated ({e})"
                )))
            }
        };
        out.extend_from_slice(&chunk[..n]);
        check_budget(out.len() as u64, budget, name)?;
    }
}

fn check_budget(len: u64, budget: &Budget, name: &str) -> Result<(), ExtractError> {
    if len > budget.entry {
        return Err(ExtractError::LimitExceeded {
            limit: "zip entry size",
            detail: format!("{name} inflates past {} bytes", budget.entry),
        });
    }
    if len > budget.total_left {
        return Err(ExtractError::LimitExceeded {
            limit: "total decompressed size",
            detail: format!("the entries read so far inflate past the total allowed at {name}"),
        });
    }
    if len > budget.ratio_cap {
        return Err(ExtractError::LimitExceeded {
            limit: "compression ratio",
            detail: format!(
                "{name} inflates to more than {} bytes from far fewer",
                budget.ratio_cap
            ),
        });
    }
    Ok(())
}

fn entry_error(name: &str, err: &ZipError) -> ExtractError {
    match err {
        ZipError::UnsupportedArchive(what) if what.contains("assword") => ExtractError::Encrypted,
        _ => ExtractError::Corrupt(format!("the zip entry {name} cannot be read ({err})")),
    }
}
