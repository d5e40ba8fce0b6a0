//! Measures of how close an extracted text is to a reference text.
//!
//! Both work on whitespace-separated words, compared without case (a
//! leading byte-order mark is ignored): [`word_f1`] compares the multisets
//! of words, [`order_score`] how much of the word sequence survives in
//! order. Case is folded because producers draw a heading styled "all caps"
//! (Word's small or all caps, CSS `text-transform`) with capital glyphs
//! while a text export keeps the typed letters; both texts are right.

use std::collections::HashMap;

/// The words of `text`: whitespace-separated, lower-cased, byte-order mark
/// removed.
pub fn words(text: &str) -> Vec<String> {
    text.trim_start_matches('\u{feff}')
        .split_whitespace()
        .map(str::to_lowercase)
        .collect()
}

/// F1 of the word multisets of `reference` and `candidate`, in `0.0..=1.0`.
///
/// Two empty texts score 1; one empty text scores 0.
pub fn word_f1(reference: &str, candidate: &str) -> f64 {
    let expected = words(reference);
    let found = words(candidate);
    if expected.is_empty() && found.is_empty() {
        return 1.0;
    }
    if expected.is_empty() || found.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in &expected {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    let mut common = 0usize;
    for w in &found {
        if let Some(n) = counts.get_mut(w.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    let precision = common as f64 / found.len() as f64;
    let recall = common as f64 / expected.len() as f64;
    if common == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Reading-order agreement: the longest common subsequence of the two word
/// sequences divided by the length of the longer one, in `0.0..=1.0`.
pub fn order_score(reference: &str, candidate: &str) -> f64 {
    let a = words(reference);
    let b = words(candidate);
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    lcs_len(&a, &b) as f64 / longest as f64
}

/// Length of the longest common subsequence, in O(len(a)·len(b)) time and
/// O(len(b)) memory.
fn lcs_len(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            row[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(row[j])
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one_whatever_the_spacing() {
        assert_eq!(word_f1("\u{feff}a b  c", "a\nb c"), 1.0);
        assert_eq!(order_score("a b c", "a\n\nb c"), 1.0);
    }

    #[test]
    fn missing_and_extra_words_lower_f1() {
        let f1 = word_f1("a b c d", "a b x");
        let precision = 2.0 / 3.0;
        let recall = 0.5;
        assert!((f1 - 2.0 * precision * recall / (precision + recall)).abs() < 1e-9);
    }

    #[test]
    fn case_does_not_count_but_spelling_does() {
        assert_eq!(word_f1("Work Experience", "WORK EXPERIENCE"), 1.0);
        assert_eq!(order_score("Work Experience", "WORK EXPERIENCE"), 1.0);
        assert!(word_f1("Experience", "Experiance") < 1.0);
    }

    #[test]
    fn swapped_blocks_lower_the_order_score_but_not_f1() {
        assert_eq!(word_f1("a b c d", "c d a b"), 1.0);
        assert_eq!(order_score("a b c d", "c d a b"), 0.5);
    }
}
