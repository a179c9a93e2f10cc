//! The SVG document a chart is drawn on: a plotters [`DrawingBackend`] whose every element
//! (line, rectangle, polygon, polyline, circle, text) is written by plotters' own
//! [`SVGBackend`], and a [`Markup`] handle for what that backend has no element for.
//!
//! Plotters writes flat elements with their own colour, width and opacity. Around them
//! frontline writes only the document's frame (XML declaration, root `<svg>` with the font
//! list, `role="img"` and `<title>`), and `<g>` groups that carry:
//! - what a reader of the SVG looks for: `class`, `data-*` attributes and `<title>` tooltips
//!   (a group's first `<title>` names the group in viewers);
//! - the language and direction of Arabic text, `xml:lang="ar"` and `direction="rtl"`
//!   (SVG 1.1 §10.7.4), which the `<text>` inside inherits;
//! - presentation properties that plotters' elements leave unset and so inherit: the stroke
//!   of polygons, the white halo of map labels, dashes.
//!
//! Each drawing call goes to a fresh [`SVGBackend`] on a scratch string; its elements are
//! appended to the document as plotters wrote them, without the `<svg>` wrapper that
//! backend puts around every document it writes.

use super::fonts::FONT_FAMILY;
use super::palette::INK;
use crate::format::markup::escape;
use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::cell::RefCell;
use std::io;
use std::rc::Rc;

/// A drawing backend writing into a shared SVG body through plotters' [`SVGBackend`].
pub struct Page {
    size: (u32, u32),
    body: Rc<RefCell<String>>,
    /// What [`SVGBackend`] writes before the elements of a document of this size.
    header: String,
}

/// Writes the groups, tooltips and frame of a [`Page`]'s document, in drawing order with
/// the elements plotters writes.
#[derive(Clone, Debug)]
pub struct Markup {
    size: (u32, u32),
    body: Rc<RefCell<String>>,
}

/// A chart being drawn: plotters' drawing area over the whole page, in px from its top left,
/// and the markup of the same document.
pub struct Canvas {
    /// The whole page.
    pub area: DrawingArea<Page, Shift>,
    /// Groups, tooltips and the frame.
    pub markup: Markup,
}

/// What a drawing step returns: plotters' error, which drawing into a string never gives
/// unless plotters itself changes.
pub type Drawn = Result<(), DrawError>;

/// Plotters' error for a drawing step.
pub type DrawError = DrawingAreaErrorKind<io::Error>;

impl Canvas {
    /// The finished document titled `title` (see [`Markup::finish`]).
    pub fn finish(self, title: &str) -> String {
        self.markup.finish(self.area, INK, title)
    }
}

/// Ends a drawing that cannot fail: plotters only fails on a backend error, and [`Page`]
/// writes into a string.
pub fn expect_drawn<T>(drawn: Result<T, DrawingAreaErrorKind<io::Error>>) -> T {
    match drawn {
        Ok(value) => value,
        Err(e) => panic!("drawing a chart into a string failed: {e}"),
    }
}

/// A canvas of `width` × `height` px.
pub fn page(width: u32, height: u32) -> Canvas {
    super::fonts::register();
    let size = (width, height);
    let mut empty = String::new();
    {
        let mut svg = SVGBackend::with_string(&mut empty, size);
        // Presenting into a string cannot fail.
        let _ = svg.present();
    }
    let header = empty
        .strip_suffix(CLOSE)
        .unwrap_or(empty.as_str())
        .to_string();
    let body = Rc::new(RefCell::new(String::new()));
    let page = Page {
        size,
        body: Rc::clone(&body),
        header,
    };
    Canvas {
        area: page.into_drawing_area(),
        markup: Markup { size, body },
    }
}

const CLOSE: &str = "</svg>\n";

impl Page {
    /// Runs one drawing call on plotters' SVG backend and keeps the elements it wrote.
    fn svg(
        &mut self,
        draw: impl FnOnce(&mut SVGBackend) -> Result<(), DrawingErrorKind<io::Error>>,
    ) -> Result<(), DrawingErrorKind<io::Error>> {
        let mut scratch = String::new();
        {
            let mut svg = SVGBackend::with_string(&mut scratch, self.size);
            draw(&mut svg)?;
            svg.present()?;
        }
        let elements = scratch
            .strip_prefix(&self.header)
            .and_then(|s| s.strip_suffix(CLOSE))
            .ok_or_else(|| {
                DrawingErrorKind::DrawingError(io::Error::other(
                    "plotters' SVG backend wrote an unexpected document frame",
                ))
            })?;
        self.body.borrow_mut().push_str(elements);
        Ok(())
    }
}

impl DrawingBackend for Page {
    type ErrorType = io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<io::Error>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<io::Error>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<io::Error>> {
        self.svg(|b| b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<io::Error>> {
        self.svg(|b| b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<io::Error>> {
        self.svg(|b| b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<io::Error>> {
        self.svg(|b| b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<io::Error>> {
        self.svg(|b| b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<io::Error>> {
        self.svg(|b| b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<io::Error>> {
        self.svg(|b| b.draw_text(text, style, pos))
    }
}

impl Markup {
    /// Opens a `<g>` with attributes, their values escaped; close it with [`Markup::close`].
    pub fn open(&self, attrs: &[(&str, &str)]) {
        let mut body = self.body.borrow_mut();
        body.push_str("<g");
        for (key, value) in attrs {
            body.push(' ');
            body.push_str(key);
            body.push_str("=\"");
            body.push_str(&escape(value));
            body.push('"');
        }
        body.push_str(">\n");
    }

    /// Opens a `<g>` whose first child is a `<title>`, the tooltip viewers show over it.
    pub fn open_titled(&self, attrs: &[(&str, &str)], title: &str) {
        self.open(attrs);
        let mut body = self.body.borrow_mut();
        body.push_str("<title>");
        body.push_str(&escape(title));
        body.push_str("</title>\n");
    }

    /// Closes the group opened last.
    pub fn close(&self) {
        self.body.borrow_mut().push_str("</g>\n");
    }

    /// The finished document: XML declaration, root element with the chart's size, fonts,
    /// text colour and title, a white background, and everything drawn. `root` is dropped
    /// first so nothing more can be drawn.
    pub fn finish(self, root: DrawingArea<Page, Shift>, ink: &str, title: &str) -> String {
        drop(root);
        let (w, h) = self.size;
        let body = self.body.borrow();
        let mut out = String::with_capacity(body.len() + 512);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\" fill=\"{ink}\" \
             role=\"img\">\n"
        ));
        out.push_str(&format!("<title>{}</title>\n", escape(title)));
        out.push_str(&format!(
            "<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n"
        ));
        out.push_str(&body);
        out.push_str(CLOSE);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::{Circle, Rectangle, BLUE, RED};
    use plotters::style::Color;

    #[test]
    fn plotters_writes_the_elements_and_markup_the_frame_and_groups() {
        let Canvas { area: root, markup } = page(200, 100);
        markup.open_titled(&[("class", "dots"), ("data-front", "a\"b")], "T & T");
        root.draw(&Circle::new((10, 20), 5, BLUE.filled())).unwrap();
        markup.close();
        root.draw(&Rectangle::new([(1, 2), (30, 40)], RED.filled()))
            .unwrap();
        let out = markup.finish(root, "#222222", "A <title>");
        assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
        assert!(out.ends_with("</svg>\n"));
        assert_eq!(out.matches("<svg").count(), 1, "one root, no nested frames");
        assert!(out.contains("<title>A &lt;title&gt;</title>"));
        assert!(out.contains("<g class=\"dots\" data-front=\"a&quot;b\">\n<title>T &amp; T</title>\n<circle cx=\"10\" cy=\"20\" r=\"5\""));
        assert!(out.contains("</g>\n<rect x=\"1\" y=\"2\" width=\"29\" height=\"38\""));
        assert!(out.contains("viewBox=\"0 0 200 100\""));
    }
}
