//! The content-stream interpreter: runs the text and graphics-state operators
//! of a page (and of the Form XObjects it draws) and records where each
//! character lands on the page.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};
use resume_domain::ExtractError;

use super::font::Font;
use super::streams::{get, get_dict, get_name, number, resolve, StreamReader};
use crate::limits::Deadline;

/// How many operators run between two deadline checks.
const OPS_PER_DEADLINE_CHECK: usize = 512;

/// Deepest `q` nesting kept; deeper saves are ignored (their `Q` too).
const MAX_STATE_STACK: usize = 256;

/// A 2-D affine transform `[a b c d e f]`, applied to row vectors.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// One character placed on the page, in default user space (y grows upwards).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PlacedChar {
    /// Left edge of its advance.
    pub x0: f32,
    /// Right edge of its advance.
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Font size on the page.
    pub size: f32,
    /// Its text; `" "` for a space.
    pub text: String,
}

/// What a page draws, as far as text extraction cares.
#[derive(Debug, Default)]
pub(super) struct PageContent {
    /// Characters in drawing order.
    pub chars: Vec<PlacedChar>,
    /// Whether the page draws any image.
    pub has_images: bool,
    /// Text drawn rotated or upside down, in drawing order (lines are not
    /// rebuilt for it: it is rare in resumes, usually a side note).
    pub rotated: String,
    /// Where the last rotated character ended, to tell word gaps.
    rotated_end: Option<(f32, f32)>,
}

impl PageContent {
    fn push_rotated(&mut self, text: &str, start: (f32, f32), end: (f32, f32), size: f32) {
        let far = self
            .rotated_end
            .is_some_and(|(x, y)| (start.0 - x).hypot(start.1 - y) > 0.3 * size.max(1.0));
        if far && !self.rotated.ends_with(' ') {
            self.rotated.push(' ');
        }
        self.rotated.push_str(text);
        self.rotated_end = Some(end);
    }
}

/// Fonts already read, by object id, shared across pages.
pub(super) type FontCache = HashMap<ObjectId, Rc<Font>>;

#[derive(Debug, Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for GraphicsState {
    fn default() -> Self {
        Self {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Runs content streams and collects their characters.
pub(super) struct Interpreter<'a> {
    doc: &'a Document,
    streams: &'a mut StreamReader,
    fonts: &'a mut FontCache,
    deadline: &'a Deadline,
    max_depth: usize,
    state: GraphicsState,
    saved: Vec<GraphicsState>,
    text_matrix: Matrix,
    line_matrix: Matrix,
    forms: Vec<ObjectId>,
    ops: usize,
    out: PageContent,
    path: PathBox,
    /// One entry per open marked-content sequence: whether it is a list label.
    marked: Vec<bool>,
}

/// The extent of the path being built, in default user space.
#[derive(Debug, Default, Clone, Copy)]
struct PathBox {
    extent: Option<[f32; 4]>,
}

impl PathBox {
    fn add(&mut self, (x, y): (f32, f32)) {
        let e = self.extent.get_or_insert([x, y, x, y]);
        *e = [e[0].min(x), e[1].min(y), e[2].max(x), e[3].max(y)];
    }
}

impl<'a> Interpreter<'a> {
    /// An interpreter for one page.
    pub(super) fn new(
        doc: &'a Document,
        streams: &'a mut StreamReader,
        fonts: &'a mut FontCache,
        deadline: &'a Deadline,
        max_depth: usize,
    ) -> Self {
        Self {
            doc,
            streams,
            fonts,
            deadline,
            max_depth,
            state: GraphicsState::default(),
            saved: Vec::new(),
            text_matrix: IDENTITY,
            line_matrix: IDENTITY,
            forms: Vec::new(),
            ops: 0,
            out: PageContent::default(),
            path: PathBox::default(),
            marked: Vec::new(),
        }
    }

    /// Runs the page `page_id` and returns what it draws.
    ///
    /// # Errors
    /// A limit or the deadline was reached.
    pub(super) fn run_page(mut self, page_id: ObjectId) -> Result<PageContent, ExtractError> {
        let resources = page_resources(self.doc, page_id);
        let mut data = Vec::new();
        for id in self.doc.get_page_contents(page_id) {
            if let Ok(Object::Stream(stream)) = self.doc.get_object(id) {
                if let Some(bytes) = self.streams.read(stream)? {
                    data.extend_from_slice(&bytes);
                    data.push(b'\n');
                }
            }
        }
        self.run(&data, &resources, 0)?;
        Ok(self.out)
    }

    fn run(
        &mut self,
        data: &[u8],
        resources: &[&Dictionary],
        depth: usize,
    ) -> Result<(), ExtractError> {
        for operation in Content::decode_iter(data) {
            let Ok(operation) = operation else {
                tracing::debug!("content stream unreadable past this point");
                break;
            };
            self.ops += 1;
            if self.ops % OPS_PER_DEADLINE_CHECK == 0 {
                self.deadline.check()?;
            }
            self.apply(&operation, resources, depth)?;
        }
        Ok(())
    }

    fn apply(
        &mut self,
        op: &Operation,
        resources: &[&Dictionary],
        depth: usize,
    ) -> Result<(), ExtractError> {
        let args = &op.operands;
        let num = |i: usize| args.get(i).and_then(number).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" if self.saved.len() < MAX_STATE_STACK => self.saved.push(self.state.clone()),
            "Q" => {
                if let Some(state) = self.saved.pop() {
                    self.state = state;
                }
            }
            "cm" => self.state.ctm = multiply(&matrix_from(args), &self.state.ctm),
            "BT" => {
                self.text_matrix = IDENTITY;
                self.line_matrix = IDENTITY;
            }
            "Tf" => self.set_font(args, resources)?,
            "Tc" => self.state.char_spacing = num(0),
            "Tw" => self.state.word_spacing = num(0),
            "Tz" => self.state.h_scale = num(0) / 100.0,
            "TL" => self.state.leading = num(0),
            "Ts" => self.state.rise = num(0),
            "Td" => self.move_line(num(0), num(1)),
            "TD" => {
                self.state.leading = -num(1);
                self.move_line(num(0), num(1));
            }
            "Tm" => {
                self.line_matrix = matrix_from(args);
                self.text_matrix = self.line_matrix;
            }
            "T*" => self.next_line(),
            "Tj" => self.show_operand(args.first()),
            "'" => {
                self.next_line();
                self.show_operand(args.first());
            }
            "\"" => {
                self.state.word_spacing = num(0);
                self.state.char_spacing = num(1);
                self.next_line();
                self.show_operand(args.get(2));
            }
            "TJ" => self.show_array(args.first()),
            "Do" => self.draw_xobject(args, resources, depth)?,
            "BI" | "EI" | "ID" => self.out.has_images = true,
            "BMC" | "BDC" => {
                let label = matches!(args.first(), Some(Object::Name(tag)) if tag == b"Lbl");
                self.marked.push(label);
            }
            "EMC" => {
                self.marked.pop();
            }
            "m" | "l" | "c" | "v" | "y" | "re" => self.extend_path(op.operator.as_str(), args),
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => self.fill_path(),
            "S" | "s" | "n" => self.path = PathBox::default(),
            _ => {}
        }
        Ok(())
    }

    fn extend_path(&mut self, operator: &str, args: &[Object]) {
        let values: Vec<f32> = args.iter().filter_map(number).collect();
        let ctm = self.state.ctm;
        if operator == "re" {
            if let [x, y, w, h] = values.as_slice() {
                for (px, py) in [(*x, *y), (x + w, y + h)] {
                    self.path.add(apply(&ctm, px, py));
                }
            }
            return;
        }
        for point in values.chunks_exact(2) {
            self.path.add(apply(&ctm, point[0], point[1]));
        }
    }

    /// A small round or square shape filled inside a list label (how Chromium
    /// draws `disc` and `square` list markers) is read as the bullet `•`,
    /// whatever its shape, as word processors show imported HTML lists.
    fn fill_path(&mut self) {
        let path = std::mem::take(&mut self.path);
        let Some([x0, y0, x1, y1]) = path.extent else {
            return;
        };
        if !self.marked.iter().any(|label| *label) {
            return;
        }
        let (w, h) = (x1 - x0, y1 - y0);
        let small = (1.0..=10.0).contains(&w) && (1.0..=10.0).contains(&h);
        if small && (0.6..=1.6).contains(&(w / h)) {
            let size = h * 3.0;
            self.out.chars.push(PlacedChar {
                x0,
                x1,
                y: y0 - h / 3.0,
                size,
                text: "•".to_owned(),
            });
        }
    }

    fn set_font(&mut self, args: &[Object], resources: &[&Dictionary]) -> Result<(), ExtractError> {
        self.state.size = args.get(1).and_then(number).unwrap_or(0.0);
        let name = match args.first() {
            Some(Object::Name(name)) => name.as_slice(),
            _ => return Ok(()),
        };
        let entry = resources
            .iter()
            .filter_map(|r| get_dict(self.doc, r, b"Font"))
            .find_map(|fonts| fonts.get(name).ok());
        self.state.font = match entry {
            Some(Object::Reference(id)) => Some(self.cached_font(*id)?),
            Some(Object::Dictionary(dict)) => {
                Some(Rc::new(Font::load(self.doc, dict, self.streams)?))
            }
            _ => None,
        };
        Ok(())
    }

    fn cached_font(&mut self, id: ObjectId) -> Result<Rc<Font>, ExtractError> {
        if let Some(font) = self.fonts.get(&id) {
            return Ok(Rc::clone(font));
        }
        let font = match self.doc.get_object(id).map(|o| resolve(self.doc, o)) {
            Ok(Object::Dictionary(dict)) => Font::load(self.doc, dict, self.streams)?,
            _ => Font::fallback(),
        };
        let font = Rc::new(font);
        self.fonts.insert(id, Rc::clone(&font));
        Ok(font)
    }

    fn move_line(&mut self, tx: f32, ty: f32) {
        self.line_matrix = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.line_matrix);
        self.text_matrix = self.line_matrix;
    }

    fn next_line(&mut self) {
        self.move_line(0.0, -self.state.leading);
    }

    fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show(bytes);
        }
    }

    fn show_array(&mut self, operand: Option<&Object>) {
        let Some(Object::Array(items)) = operand else {
            return;
        };
        for item in items {
            match item {
                Object::String(bytes, _) => self.show(bytes),
                other => {
                    if let Some(adjust) = number(other) {
                        let tx = -adjust / 1000.0 * self.state.size * self.state.h_scale;
                        self.advance(tx);
                    }
                }
            }
        }
    }

    fn show(&mut self, bytes: &[u8]) {
        let font = self
            .state
            .font
            .clone()
            .unwrap_or_else(|| Rc::new(Font::fallback()));
        for glyph in font.decode(bytes) {
            let spacing = if glyph.is_space_code {
                self.state.word_spacing
            } else {
                0.0
            };
            let width = glyph.advance * self.state.size * self.state.h_scale;
            let tx = width + (self.state.char_spacing + spacing) * self.state.h_scale;
            let m = multiply(&self.text_matrix, &self.state.ctm);
            let (x0, y) = apply(&m, 0.0, self.state.rise);
            let (x1, _) = apply(&m, width, self.state.rise);
            let size = self.state.size * m[2].hypot(m[3]);
            let text = if glyph.text.trim().is_empty() && !glyph.text.is_empty() {
                " ".to_owned()
            } else {
                glyph.text
            };
            let upright = m[0] > 0.0 && m[1].abs() <= 0.2 * m[0];
            if !upright && !text.is_empty() {
                let end = apply(&m, tx, self.state.rise);
                self.out.push_rotated(&text, (x0, y), end, size);
            } else if !text.is_empty() && x0.is_finite() && x1.is_finite() && y.is_finite() {
                self.out.chars.push(PlacedChar {
                    x0: x0.min(x1),
                    x1: x0.max(x1),
                    y,
                    size,
                    text,
                });
            }
            self.advance(tx);
        }
    }

    fn advance(&mut self, tx: f32) {
        self.text_matrix = multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.text_matrix);
    }

    fn draw_xobject(
        &mut self,
        args: &[Object],
        resources: &[&Dictionary],
        depth: usize,
    ) -> Result<(), ExtractError> {
        let Some(Object::Name(name)) = args.first() else {
            return Ok(());
        };
        let entry = resources
            .iter()
            .filter_map(|r| get_dict(self.doc, r, b"XObject"))
            .find_map(|xobjects| xobjects.get(name).ok());
        let Some(entry) = entry else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Object::Stream(stream) = resolve(self.doc, entry) else {
            return Ok(());
        };
        match get_name(self.doc, &stream.dict, b"Subtype") {
            Some(b"Image") => self.out.has_images = true,
            Some(b"Form") => {
                if id.is_some_and(|id| self.forms.contains(&id)) {
                    return Ok(());
                }
                if depth + 1 > self.max_depth {
                    return Err(ExtractError::LimitExceeded {
                        limit: "nesting depth",
                        detail: format!("form XObjects nest deeper than {}", self.max_depth),
                    });
                }
                let Some(data) = self.streams.read(stream)? else {
                    return Ok(());
                };
                self.run_form(&data, &stream.dict, id, resources, depth + 1)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn run_form(
        &mut self,
        data: &[u8],
        dict: &Dictionary,
        id: Option<ObjectId>,
        parent: &[&Dictionary],
        depth: usize,
    ) -> Result<(), ExtractError> {
        let doc = self.doc;
        let own = get_dict(doc, dict, b"Resources");
        let resources: Vec<&Dictionary> = own.map_or_else(|| parent.to_vec(), |r| vec![r]);
        let form_matrix = match get(doc, dict, b"Matrix") {
            Some(Object::Array(m)) => matrix_from(m),
            _ => IDENTITY,
        };

        let saved_state = self.state.clone();
        let saved_depth = self.saved.len();
        let saved_text = (self.text_matrix, self.line_matrix);
        self.state.ctm = multiply(&form_matrix, &self.state.ctm);
        if let Some(id) = id {
            self.forms.push(id);
        }
        let result = self.run(data, &resources, depth);
        if id.is_some() {
            self.forms.pop();
        }
        self.state = saved_state;
        self.saved.truncate(saved_depth);
        (self.text_matrix, self.line_matrix) = saved_text;
        result
    }
}

/// The resource dictionaries of a page, nearest first.
fn page_resources(doc: &Document, page_id: ObjectId) -> Vec<&Dictionary> {
    let Ok((direct, ids)) = doc.get_page_resources(page_id) else {
        return Vec::new();
    };
    let referenced = ids.into_iter().filter_map(|id| match doc.get_object(id) {
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    });
    direct.into_iter().chain(referenced).collect()
}

fn matrix_from(args: &[Object]) -> Matrix {
    let mut m = IDENTITY;
    if args.len() >= 6 {
        for (slot, arg) in m.iter_mut().zip(args) {
            *slot = number(arg).filter(|v| v.is_finite()).unwrap_or(0.0);
        }
    }
    m
}

/// `a × b`: first `a`, then `b`.
fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let translate = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        assert_eq!(apply(&multiply(&translate, &scale), 1.0, 1.0), (22.0, 42.0));
        assert_eq!(apply(&multiply(&scale, &translate), 1.0, 1.0), (12.0, 22.0));
    }
}
