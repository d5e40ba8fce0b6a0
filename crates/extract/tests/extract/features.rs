//! Format features on small documents built in the test, each checked on
//! the exact text it must give.

use std::io::{Cursor, Seek, SeekFrom, Write};

use resume_domain::{DocumentFormat, ExtractError, ExtractedDocument};

use crate::limits::zip_of;
use crate::{extractor, resume_bytes};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

const DOCX_TYPES: &str = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const PKG_RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/site" TargetMode="External"/>
</Relationships>"#;

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

fn para(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn docx(body: &str) -> ExtractedDocument {
    let document = format!(
        r#"<w:document {W}><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/></w:sectPr></w:body></w:document>"#
    );
    let header = format!(r#"<w:hdr {W}>{}</w:hdr>"#, para(&run("Header line")));
    let footer = format!(r#"<w:ftr {W}>{}</w:ftr>"#, para(&run("Footer line")));
    let bytes = zip_of(&[
        ("[Content_Types].xml", DOCX_TYPES.as_bytes()),
        ("_rels/.rels", PKG_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
        ("word/footer1.xml", footer.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ]);
    let doc = extractor().extract_bytes(&bytes).unwrap();
    assert_eq!(doc.format, DocumentFormat::Docx);
    doc
}

/// The body lines, without the header and footer blocks.
fn body_of(doc: &ExtractedDocument) -> Vec<&str> {
    let lines: Vec<&str> = doc.lines().collect();
    assert_eq!(
        lines.first(),
        Some(&"Header line"),
        "header first: {lines:?}"
    );
    assert_eq!(lines.last(), Some(&"Footer line"), "footer last: {lines:?}");
    lines[1..lines.len() - 1].to_vec()
}

#[test]
fn docx_tables_are_read_row_by_row_and_cell_by_cell_with_nesting() {
    let inner = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        para(&run("inner 1")),
        para(&run("inner 2"))
    );
    let body = format!(
        "<w:tbl><w:tblPr/><w:tr><w:tc>{}{}</w:tc><w:tc>{}{inner}</w:tc></w:tr><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
        para(&run("left a")),
        para(&run("left b")),
        para(&run("right")),
        para(&run("row two"))
    );
    let doc = docx(&body);
    assert_eq!(
        body_of(&doc),
        ["left a", "left b", "right", "inner 1", "inner 2", "row two"]
    );
}

#[test]
fn docx_text_boxes_are_read_once_despite_the_vml_fallback() {
    let text_box = format!(
        "<w:txbxContent>{}</w:txbxContent>",
        para(&run("In the box"))
    );
    let body = para(&format!(
        "{}<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{text_box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{text_box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        run("Anchor")
    ));
    let doc = docx(&body);
    assert_eq!(body_of(&doc), ["Anchor", "In the box"]);
}

#[test]
fn docx_tabs_breaks_symbols_and_hyphens_are_rendered() {
    let body = para(
        r#"<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t><w:softHyphen/><w:t>e</w:t><w:sym w:font="Symbol" w:char="F0B7"/></w:r>"#,
    );
    let doc = docx(&body);
    assert_eq!(body_of(&doc), ["a\tb", "c-de\u{2022}"]);
}

#[test]
fn docx_hyperlinks_and_fields_become_links_with_visible_text() {
    let body = [
        para(&format!(r#"<w:hyperlink r:id="rIdL">{}</w:hyperlink>"#, run("my site"))),
        para(&format!(
            r#"<w:fldSimple w:instr=" HYPERLINK &quot;mailto:a@example.com&quot; ">{}</w:fldSimple>"#,
            run("mail me")
        )),
        para(&format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.org/x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            run("field link")
        )),
        para(&format!(r#"<w:hyperlink w:anchor="_Toc1">{}</w:hyperlink>"#, run("inside"))),
    ]
    .concat();
    let doc = docx(&body);
    assert_eq!(
        body_of(&doc),
        ["my site", "mail me", "field link", "inside"]
    );
    let links: Vec<(&str, Option<&str>)> = doc
        .links
        .iter()
        .map(|l| (l.target.as_str(), l.text.as_deref()))
        .collect();
    assert_eq!(
        links,
        [
            ("https://example.com/site", Some("my site")),
            ("mailto:a@example.com", Some("mail me")),
            ("https://example.org/x", Some("field link")),
        ]
    );
}

#[test]
fn docx_list_paragraphs_get_numbers_and_bullets() {
    let item = |num: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
            run(text)
        )
    };
    let body = [item(1, "first"), item(1, "second"), item(2, "dot")].concat();
    let doc = docx(&body);
    assert_eq!(body_of(&doc), ["1. first", "2. second", "\u{2022} dot"]);
}

#[test]
fn docx_deleted_text_is_left_out_and_inserted_text_kept() {
    let body = para(&format!(
        "{}<w:del><w:r><w:delText>old</w:delText></w:r></w:del><w:ins>{}</w:ins>",
        run("keep "),
        run("new")
    ));
    assert_eq!(body_of(&docx(&body)), ["keep new"]);
}

const ODT_CONTENT: &str = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:xlink="http://www.w3.org/1999/xlink">
<office:automatic-styles><text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style></office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="1">Ana   <text:span>Pérez</text:span></text:h>
<text:p>a<text:s text:c="2"/>b<text:tab/>c<text:line-break/>d</text:p>
<text:list text:style-name="L1"><text:list-item><text:p>Item one</text:p></text:list-item><text:list-item><text:p>Item two</text:p></text:list-item></text:list>
<table:table><table:table-column/><table:table-row><table:table-cell><text:p>L</text:p></table:table-cell><table:table-cell><text:p>R</text:p></table:table-cell></table:table-row></table:table>
<text:p>See <text:a xlink:href="https://example.com/p">portfolio</text:a><draw:frame><draw:text-box><text:p>Boxed</text:p></draw:text-box></draw:frame></text:p>
</office:text></office:body></office:document-content>"#;

const ODT_STYLES: &str = r#"<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">
<office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Top line</text:p></style:header><style:footer><text:p>Bottom line</text:p></style:footer></style:master-page></office:master-styles>
</office:document-styles>"#;

#[test]
fn odt_spaces_tabs_lists_tables_frames_links_and_page_stories_are_read() {
    let bytes = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.text".as_slice(),
        ),
        ("content.xml", ODT_CONTENT.as_bytes()),
        ("styles.xml", ODT_STYLES.as_bytes()),
    ]);
    let doc = extractor().extract_bytes(&bytes).unwrap();
    assert_eq!(doc.format, DocumentFormat::Odt);
    let lines: Vec<&str> = doc.lines().collect();
    assert_eq!(
        lines,
        [
            "Top line",
            "Ana P\u{e9}rez",
            "a  b\tc",
            "d",
            "\u{2022} Item one",
            "\u{2022} Item two",
            "L",
            "R",
            "See portfolio",
            "Boxed",
            "Bottom line"
        ]
    );
    assert_eq!(doc.links[0].target, "https://example.com/p");
    assert_eq!(doc.links[0].text.as_deref(), Some("portfolio"));
}

#[test]
fn an_odt_without_content_xml_is_corrupt() {
    let bytes = zip_of(&[(
        "mimetype",
        b"application/vnd.oasis.opendocument.text".as_slice(),
    )]);
    assert!(matches!(
        extractor().extract_bytes(&bytes),
        Err(ExtractError::Corrupt(_))
    ));
}

/// The corpus DOC with the FIB's `fEncrypted` flag set in place.
fn doc_with_flags(set: u16) -> Vec<u8> {
    let mut file =
        cfb::CompoundFile::open(Cursor::new(resume_bytes("luca-bianchi", "doc"))).unwrap();
    {
        let mut stream = file.open_stream("/WordDocument").unwrap();
        let mut flags = [0u8; 2];
        stream.seek(SeekFrom::Start(0x0A)).unwrap();
        std::io::Read::read_exact(&mut stream, &mut flags).unwrap();
        let value = u16::from_le_bytes(flags) | set;
        stream.seek(SeekFrom::Start(0x0A)).unwrap();
        stream.write_all(&value.to_le_bytes()).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

#[test]
fn a_doc_with_the_encrypted_flag_is_reported_as_encrypted() {
    assert_eq!(
        extractor().extract_bytes(&doc_with_flags(0x0100)),
        Err(ExtractError::Encrypted)
    );
    let plain = extractor().extract_bytes(&doc_with_flags(0)).unwrap();
    assert!(plain.text.contains("Luca"));
}

#[test]
fn a_doc_whose_piece_table_points_past_the_stream_is_corrupt() {
    let mut bytes = resume_bytes("luca-bianchi", "doc");
    let mut file = cfb::CompoundFile::open(Cursor::new(&mut bytes)).unwrap();
    let table = if file.is_stream("/1Table") {
        "/1Table"
    } else {
        "/0Table"
    };
    let len = file.entry(table).unwrap().len();
    {
        let mut stream = file.open_stream(table).unwrap();
        stream.seek(SeekFrom::Start(0)).unwrap();
        stream
            .write_all(&vec![0x02; usize::try_from(len).unwrap()])
            .unwrap();
    }
    file.flush().unwrap();
    drop(file);
    let err = extractor().extract_bytes(&bytes).unwrap_err();
    assert!(matches!(err, ExtractError::Corrupt(_)), "{err:?}");
}
