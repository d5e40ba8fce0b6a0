//! Tests on the corpus PDFs and on small PDFs built here.

use std::collections::HashMap;
use std::time::Duration;

use lopdf::dictionary;
use resume_domain::ExtractError;

use super::extract;
use crate::limits::{Deadline, Limits};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{CORPUS}/{path}")).unwrap()
}

fn run(bytes: &[u8]) -> Result<resume_domain::ExtractedDocument, ExtractError> {
    run_with(bytes, &Limits::default())
}

fn run_with(
    bytes: &[u8],
    limits: &Limits,
) -> Result<resume_domain::ExtractedDocument, ExtractError> {
    extract(bytes, limits, &Deadline::after(limits.time_budget))
}

/// Word-level F1 of two texts (multisets of whitespace-separated tokens).
fn word_f1(got: &str, want: &str) -> f64 {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for w in want.split_whitespace() {
        *counts.entry(w).or_default() += 1;
    }
    let mut matched = 0u32;
    for w in got.split_whitespace() {
        if let Some(c) = counts.get_mut(w) {
            if *c > 0 {
                *c -= 1;
                matched += 1;
            }
        }
    }
    let (g, t) = (
        got.split_whitespace().count(),
        want.split_whitespace().count(),
    );
    if g == 0 || t == 0 {
        return 0.0;
    }
    let precision = f64::from(matched) / g as f64;
    let recall = f64::from(matched) / t as f64;
    if matched == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Reading order: longest common subsequence of the word sequences over the longer length.
fn order_score(got: &str, want: &str) -> f64 {
    let a: Vec<&str> = got.split_whitespace().collect();
    let b: Vec<&str> = want.split_whitespace().collect();
    let mut row = vec![0u32; b.len() + 1];
    for x in &a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    f64::from(row[b.len()]) / longest as f64
}

fn truth(name: &str) -> String {
    let text = std::fs::read_to_string(format!("{CORPUS}/resumes/{name}/{name}.txt")).unwrap();
    text.trim_start_matches('\u{FEFF}').to_owned()
}

/// Every resume PDF of the corpus: `(resume name, file path)`.
fn corpus_pdfs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(format!("{CORPUS}/resumes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        for suffix in ["pdf", "chromium.pdf"] {
            let path = format!("resumes/{name}/{name}.{suffix}");
            if std::path::Path::new(&format!("{CORPUS}/{path}")).exists() {
                out.push((name.clone(), path));
            }
        }
    }
    out
}

#[test]
fn scores_measure_what_they_claim() {
    assert!((word_f1("a b c", "a b c") - 1.0).abs() < 1e-9);
    assert!((word_f1("a b", "a b c d") - 2.0 / 3.0).abs() < 1e-9);
    assert!((order_score("a b c d", "a b c d") - 1.0).abs() < 1e-9);
    assert!((order_score("c d a b", "a b c d") - 0.5).abs() < 1e-9);
}

#[test]
fn edge_case_encrypted_with_a_user_password_is_refused() {
    let err = run(&read("edge-cases/encrypted-user-password.pdf")).unwrap_err();
    assert_eq!(err, ExtractError::Encrypted);
}

#[test]
fn edge_case_owner_only_encryption_is_decrypted_and_read() {
    let doc = run(&read("edge-cases/encrypted-owner-only-restricted.pdf")).unwrap();
    let f1 = word_f1(&doc.text, &truth("tyler-nguyen"));
    assert!(f1 > 0.95, "f1 {f1}");
}

#[test]
fn edge_case_scanned_image_has_no_text_layer() {
    let err = run(&read("edge-cases/scanned-image-only.pdf")).unwrap_err();
    assert_eq!(err, ExtractError::NoTextLayer);
}

#[test]
fn edge_case_zero_pages_has_no_text() {
    let err = run(&read("edge-cases/zero-pages.pdf")).unwrap_err();
    assert_eq!(err, ExtractError::NoText);
}

#[test]
fn edge_case_empty_file_is_empty() {
    assert_eq!(
        run(&read("edge-cases/empty.pdf")).unwrap_err(),
        ExtractError::Empty
    );
}

#[test]
fn edge_case_truncated_and_corrupted_files_never_panic() {
    for path in [
        "edge-cases/truncated.pdf",
        "edge-cases/corrupted-streams.pdf",
        "edge-cases/text-as.pdf",
    ] {
        match run(&read(path)) {
            Ok(doc) => assert!(doc.word_count() > 0, "{path}"),
            Err(err) => println!("{path}: {err}"),
        }
    }
}

#[test]
fn deadline_in_the_past_times_out() {
    let limits = Limits {
        time_budget: Duration::ZERO,
        ..Limits::default()
    };
    let bytes = read("resumes/marcus-adeyemi/marcus-adeyemi.pdf");
    std::thread::sleep(Duration::from_millis(2));
    let err = extract(&bytes, &limits, &Deadline::after(Duration::ZERO)).unwrap_err();
    assert!(matches!(err, ExtractError::Timeout(_)), "{err:?}");
}

/// Builds small PDFs with lopdf's writer: pages in a flat page tree, one
/// Helvetica-like font `F1` with 500-unit widths.
struct Builder {
    doc: lopdf::Document,
    pages_id: lopdf::ObjectId,
    kids: Vec<lopdf::Object>,
    font_id: lopdf::ObjectId,
}

impl Builder {
    fn new() -> Self {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let widths: Vec<lopdf::Object> = (32..127).map(|_| 500.into()).collect();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "Widths" => widths,
        });
        Self {
            doc,
            pages_id,
            kids: Vec::new(),
            font_id,
        }
    }

    fn stream(&mut self, content: &[u8], compress: bool) -> lopdf::ObjectId {
        let mut stream = lopdf::Stream::new(dictionary! {}, content.to_vec());
        if compress {
            stream.compress().unwrap();
        }
        self.doc.add_object(stream)
    }

    fn resources(&self, xobjects: lopdf::Dictionary) -> lopdf::Dictionary {
        dictionary! { "Font" => dictionary! { "F1" => self.font_id }, "XObject" => xobjects }
    }

    fn page_with(&mut self, content: &[u8], xobjects: lopdf::Dictionary) -> lopdf::ObjectId {
        let contents = self.stream(content, true);
        let resources = self.resources(xobjects);
        let page = self.doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => self.pages_id, "Contents" => contents,
            "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        self.kids.push(page.into());
        page
    }

    fn page(&mut self, content: &[u8]) -> lopdf::ObjectId {
        self.page_with(content, dictionary! {})
    }

    /// A Form XObject drawing `content`, with `xobjects` as its own XObject resources.
    fn form(&mut self, content: &[u8], xobjects: lopdf::Dictionary) -> lopdf::ObjectId {
        let resources = self.resources(xobjects);
        let dict = dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "Resources" => resources,
            "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        };
        self.doc
            .add_object(lopdf::Stream::new(dict, content.to_vec()))
    }

    fn finish(mut self) -> Vec<u8> {
        let count = i64::try_from(self.kids.len()).unwrap();
        let pages = dictionary! { "Type" => "Pages", "Kids" => self.kids, "Count" => count };
        self.doc.objects.insert(self.pages_id, pages.into());
        let catalog = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
        self.doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        self.doc.save_to(&mut out).unwrap();
        out
    }
}

fn one_page(content: &[u8]) -> Vec<u8> {
    let mut pdf = Builder::new();
    pdf.page(content);
    pdf.finish()
}

fn text_of(content: &[u8]) -> String {
    run(&one_page(content)).unwrap().text
}

#[test]
fn pages_are_read_in_order_and_counted() {
    let mut pdf = Builder::new();
    for word in ["alpha", "beta", "gamma"] {
        pdf.page(format!("BT /F1 12 Tf 72 700 Td ({word}) Tj ET").as_bytes());
    }
    let doc = run(&pdf.finish()).unwrap();
    assert_eq!(doc.page_count, Some(3));
    assert_eq!(doc.format, resume_domain::DocumentFormat::Pdf);
    assert_eq!(
        doc.text.split_whitespace().collect::<Vec<_>>(),
        ["alpha", "beta", "gamma"]
    );
}

#[test]
fn kerning_wider_than_a_space_threshold_separates_words() {
    let text = text_of(b"BT /F1 10 Tf 72 700 Td [(Hel) 20 (lo) -400 (World)] TJ ET");
    assert_eq!(text, "Hello World");
}

#[test]
fn text_positioning_operators_place_lines() {
    let content = b"BT /F1 10 Tf 14 TL 72 700 Td (one) Tj T* (two) Tj (three) ' 2 1 (four) \" \
        1 0 0 1 72 600 Tm (five) Tj 0 -14 TD (six) Tj ET";
    assert_eq!(text_of(content), "one\ntwo\nthree\nfour\n\nfive\nsix");
}

#[test]
fn character_and_word_spacing_and_scaling_move_the_pen() {
    let letter_spaced = text_of(b"BT /F1 10 Tf 72 700 Td 4 Tc (ab cd) Tj ET");
    assert_eq!(
        letter_spaced, "ab cd",
        "even letter spacing keeps words whole"
    );
    let word_spaced = text_of(b"BT /F1 10 Tf 72 700 Td 8 Tw (a b) Tj (c) Tj ET");
    assert_eq!(word_spaced, "a bc");
    let closed_up = text_of(b"BT /F1 10 Tf 72 700 Td -5 Tw (a b) Tj ET");
    assert_eq!(
        closed_up, "a b",
        "a space character separates words whatever its width"
    );
    let squeezed = text_of(b"BT /F1 10 Tf 72 700 Td 50 Tz (ab) Tj 150 Tz (cd) Tj ET");
    assert_eq!(squeezed, "abcd");
}

#[test]
fn saved_graphics_state_and_cm_place_text() {
    let content = b"q 1 0 0 1 0 -600 cm BT /F1 10 Tf 72 700 Td (lower) Tj ET Q \
        BT /F1 10 Tf 72 700 Td (upper) Tj ET";
    assert_eq!(text_of(content), "upper\n\nlower");
}

#[test]
fn form_xobjects_are_drawn_with_their_own_resources() {
    let mut pdf = Builder::new();
    let form = pdf.form(b"BT /F1 10 Tf 72 600 Td (inside) Tj ET", dictionary! {});
    pdf.page_with(
        b"BT /F1 10 Tf 72 700 Td (outside) Tj ET /Fm0 Do",
        dictionary! { "Fm0" => form },
    );
    let text = run(&pdf.finish()).unwrap().text;
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>(),
        ["outside", "inside"]
    );
}

#[test]
fn a_form_drawing_itself_is_not_followed_forever() {
    let mut pdf = Builder::new();
    let form_id = pdf.doc.new_object_id();
    let resources = pdf.resources(dictionary! { "Me" => form_id });
    let dict = dictionary! { "Type" => "XObject", "Subtype" => "Form", "Resources" => resources };
    let form = lopdf::Stream::new(dict, b"BT /F1 10 Tf 72 600 Td (loop) Tj ET /Me Do".to_vec());
    pdf.doc.objects.insert(form_id, form.into());
    pdf.page_with(b"/Me Do", dictionary! { "Me" => form_id });
    assert_eq!(run(&pdf.finish()).unwrap().text, "loop");
}

fn nested_forms(depth: usize) -> Vec<u8> {
    let mut pdf = Builder::new();
    let mut inner = pdf.form(b"BT /F1 10 Tf 72 600 Td (deep) Tj ET", dictionary! {});
    for _ in 1..depth {
        inner = pdf.form(b"/Inner Do", dictionary! { "Inner" => inner });
    }
    pdf.page_with(b"/Inner Do", dictionary! { "Inner" => inner });
    pdf.finish()
}

#[test]
fn limit_on_form_nesting_depth_is_enforced() {
    let bytes = nested_forms(6);
    let shallow = Limits {
        max_depth: 4,
        ..Limits::default()
    };
    let err = run_with(&bytes, &shallow).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::LimitExceeded {
                limit: "nesting depth",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(run(&bytes).unwrap().text, "deep");
}

#[test]
fn limit_on_pages_is_enforced() {
    let mut pdf = Builder::new();
    for _ in 0..3 {
        pdf.page(b"BT /F1 10 Tf 72 700 Td (page) Tj ET");
    }
    let bytes = pdf.finish();
    let two = Limits {
        max_pages: 2,
        ..Limits::default()
    };
    let err = run_with(&bytes, &two).unwrap_err();
    assert!(
        matches!(err, ExtractError::LimitExceeded { limit: "pages", .. }),
        "{err:?}"
    );
    let three = Limits {
        max_pages: 3,
        ..Limits::default()
    };
    assert_eq!(run_with(&bytes, &three).unwrap().page_count, Some(3));
}

#[test]
fn limit_on_input_bytes_is_enforced() {
    let bytes = read("resumes/luca-bianchi/luca-bianchi.pdf");
    let limits = Limits {
        max_bytes: bytes.len() - 1,
        ..Limits::default()
    };
    let err = run_with(&bytes, &limits).unwrap_err();
    assert!(
        matches!(err, ExtractError::LimitExceeded { limit: "bytes", .. }),
        "{err:?}"
    );
}

/// A page whose content decompresses to about `size` bytes (compressing very well).
fn page_content_of_size(size: usize) -> Vec<u8> {
    let mut content = b"BT /F1 10 Tf 72 700 Td (big) Tj ET\n".to_vec();
    content.resize(size, b' ');
    content
}

#[test]
fn limit_on_one_decompressed_stream_is_enforced() {
    let bytes = one_page(&page_content_of_size(200_000));
    assert!(bytes.len() < 20_000, "the stream is compressed");
    let limits = Limits {
        max_stream_bytes: 100_000,
        ..Limits::default()
    };
    let err = run_with(&bytes, &limits).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::LimitExceeded {
                limit: "stream size",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(run(&bytes).unwrap().text, "big");
}

#[test]
fn limit_on_all_decompressed_streams_is_enforced() {
    let mut pdf = Builder::new();
    for _ in 0..4 {
        pdf.page(&page_content_of_size(50_000));
    }
    let bytes = pdf.finish();
    let limits = Limits {
        max_stream_bytes: 60_000,
        max_total_bytes: 150_000,
        ..Limits::default()
    };
    let err = run_with(&bytes, &limits).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::LimitExceeded {
                limit: "total decompressed size",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_page_without_text_or_images_has_no_text() {
    let err = run(&one_page(b"0 0 m 100 100 l S")).unwrap_err();
    assert_eq!(err, ExtractError::NoText);
}

#[test]
fn an_inline_image_alone_means_no_text_layer() {
    let err = run(&one_page(
        b"q 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q",
    ))
    .unwrap_err();
    assert_eq!(err, ExtractError::NoTextLayer);
}

#[test]
fn garbage_is_reported_as_corrupt() {
    let err = run(b"%PDF-1.7\nthis is not a pdf at all").unwrap_err();
    assert!(matches!(err, ExtractError::Corrupt(_)), "{err:?}");
}

#[test]
fn link_annotations_become_links_with_the_text_under_them() {
    let mut pdf = Builder::new();
    let page = pdf.page(b"BT /F1 10 Tf 72 700 Td (see example.com/me now) Tj ET");
    let link = |uri: &str, rect: [i64; 4]| -> lopdf::Object {
        dictionary! {
            "Type" => "Annot", "Subtype" => "Link",
            "Rect" => rect.iter().map(|v| lopdf::Object::Integer(*v)).collect::<Vec<_>>(),
            "A" => dictionary! { "S" => "URI", "URI" => lopdf::Object::string_literal(uri) },
        }
        .into()
    };
    let annots = vec![
        link("https://example.com/me", [90, 695, 162, 712]),
        link("https://example.com/me", [90, 695, 162, 712]),
        link("mailto:me@example.com", [0, 0, 10, 10]),
    ];
    if let Ok(lopdf::Object::Dictionary(dict)) = pdf.doc.get_object_mut(page) {
        dict.set("Annots", annots);
    }
    let doc = run(&pdf.finish()).unwrap();
    let got: Vec<(Option<&str>, &str)> = doc
        .links
        .iter()
        .map(|l| (l.text.as_deref(), l.target.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("example.com/me"), "https://example.com/me"),
            (None, "mailto:me@example.com")
        ]
    );
}

#[test]
fn every_corpus_resume_pdf_matches_its_text_export() {
    for (name, path) in corpus_pdfs() {
        let doc = run(&read(&path)).unwrap();
        let want = truth(&name);
        let exact = word_f1(&doc.text, &want);
        // Headings upper-cased by a style are drawn upper-case; the export keeps the source case.
        let (got_lower, want_lower) = (doc.text.to_lowercase(), want.to_lowercase());
        let f1 = word_f1(&got_lower, &want_lower);
        let order = order_score(&got_lower, &want_lower);
        assert!(exact >= 0.94, "{path}: exact-case f1 {exact:.4}");
        assert!(f1 >= 0.98, "{path}: f1 {f1:.4}");
        assert!(order >= 0.97, "{path}: order {order:.4}");
    }
}

#[test]
fn two_column_resumes_are_read_sidebar_first() {
    let priya = run(&read("resumes/priya-raghunathan/priya-raghunathan.pdf"))
        .unwrap()
        .text;
    let sidebar_end = priya.find("Bouldering").unwrap();
    assert!(sidebar_end < priya.find("Data scientist with seven years").unwrap());
    for path in ["sofia-villanueva.pdf", "sofia-villanueva.chromium.pdf"] {
        let sofia = run(&read(&format!("resumes/sofia-villanueva/{path}")))
            .unwrap()
            .text;
        let sidebar_end = sofia.find("Portuguese").unwrap();
        assert!(
            sidebar_end < sofia.find("Product designer with nine years").unwrap(),
            "{path}"
        );
    }
}

#[test]
fn urls_wrapped_at_a_hyphen_are_rejoined_with_it() {
    let priya = run(&read("resumes/priya-raghunathan/priya-raghunathan.pdf"))
        .unwrap()
        .text;
    assert!(priya.contains("https://www.linkedin.com/in/priya-raghunathan-ds"));
}

#[test]
fn symbol_font_bullets_read_as_bullets() {
    let marcus = run(&read("resumes/marcus-adeyemi/marcus-adeyemi.pdf")).unwrap();
    assert_eq!(marcus.page_count, Some(2));
    assert!(marcus.text.matches('•').count() >= 10);
    assert!(!marcus.text.contains('\u{F0B7}'));
}

#[test]
fn page_counts_follow_the_producer() {
    let libre = run(&read("resumes/jonathan-kessler/jonathan-kessler.pdf")).unwrap();
    let chromium = run(&read(
        "resumes/jonathan-kessler/jonathan-kessler.chromium.pdf",
    ))
    .unwrap();
    assert_eq!((libre.page_count, chromium.page_count), (Some(2), Some(1)));
}

#[test]
fn a_link_wrapped_over_two_lines_is_one_link_with_its_whole_text() {
    for path in ["jonathan-kessler.pdf", "jonathan-kessler.chromium.pdf"] {
        let doc = run(&read(&format!("resumes/jonathan-kessler/{path}"))).unwrap();
        let links: Vec<(Option<&str>, &str)> = doc
            .links
            .iter()
            .map(|l| (l.text.as_deref(), l.target.as_str()))
            .collect();
        assert_eq!(
            links,
            [(
                Some("linkedin.com/in/jonathan-kessler-cpa"),
                "https://www.linkedin.com/in/jonathan-kessler-cpa"
            )],
            "{path}"
        );
    }
}

#[test]
fn links_come_in_reading_order_without_duplicates() {
    let doc = run(&read("resumes/sofia-villanueva/sofia-villanueva.pdf")).unwrap();
    let targets: Vec<&str> = doc.links.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "https://sofiavillanueva.example.com/",
            "https://www.linkedin.com/in/sofia-villanueva-ux",
            "https://sofiavillanueva.example.com/ridecare",
            "https://sofiavillanueva.example.com/evergreen-ds",
            "https://sofiavillanueva.example.com/clinic-finder",
        ]
    );
}

#[test]
fn real_tex_and_typst_resumes_give_separated_readable_words() {
    let expected = [
        ("altacv__sample.pdf", "Job description 1"),
        (
            "alterae-resume-template__example.pdf",
            "Lorem ipsum dolor sit amet",
        ),
        (
            "awesome-cv__examples_cv.pdf",
            "Provisioned an easily managable hybrid",
        ),
        (
            "awesome-cv__examples_resume.pdf",
            "Seasoned SRE/DevOps leader",
        ),
        (
            "deedy-resume__deedy_resume-openfont.pdf",
            "Worked on the YouTube Captions team",
        ),
        (
            "sb2nov-resume__sourabh_bajaj_resume.pdf",
            "Georgia Institute of Technology",
        ),
    ];
    for (file, phrase) in expected {
        let doc = run(&read(&format!("real/{file}"))).unwrap();
        assert!(doc.text.contains(phrase), "{file}");
        assert!(!doc.text.contains('\u{FFFD}'), "{file}");
        let words: Vec<&str> = doc.text.split_whitespace().collect();
        assert!(words.len() > 200, "{file}");
        let run_together = words
            .iter()
            .filter(|w| w.chars().count() > 30 && !w.contains('/'));
        assert_eq!(run_together.count(), 0, "{file}");
    }
}

#[test]
fn cut_or_damaged_bytes_give_errors_not_panics() {
    let bytes = read("resumes/karin-ostlund/karin-ostlund.pdf");
    for cut in (1..20).map(|i| bytes.len() * i / 20) {
        let _ = run(&bytes[..cut]);
    }
    let mut damaged = bytes.clone();
    for i in (0..damaged.len()).step_by(97) {
        damaged[i] = damaged[i].wrapping_mul(31).wrapping_add(7);
    }
    if let Ok(doc) = run(&damaged) {
        assert_eq!(doc.format, resume_domain::DocumentFormat::Pdf);
    }
}

#[test]
fn rotated_text_is_kept_after_the_page_text() {
    let content = b"BT /F1 10 Tf 0 1 -1 0 580 100 Tm (side note) Tj ET \
        BT /F1 10 Tf 72 700 Td (body) Tj ET";
    assert_eq!(text_of(content), "body\n\nside note");
}

#[test]
fn deeply_nested_arrays_do_not_overflow_the_stack() {
    let mut content = b"BT /F1 10 Tf 72 700 Td (ok) Tj ET ".to_vec();
    content.extend(std::iter::repeat_n(b'[', 200_000));
    let _ = run(&one_page(&content));

    let mut body = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X ".to_vec();
    body.extend(std::iter::repeat_n(b'[', 200_000));
    body.extend_from_slice(b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    let err = run(&body).unwrap_err();
    assert!(
        matches!(err, ExtractError::Corrupt(_) | ExtractError::NoText),
        "{err:?}"
    );
}
