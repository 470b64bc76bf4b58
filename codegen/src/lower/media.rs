//! Media types of bodies: which of the listed ones the client sends or reads, and what
//! that means for the Rust type. JSON is preferred wherever it is listed; a request body
//! may also be a form, multipart, text or raw bytes; an answer that is not JSON (or has no
//! schema) is read as raw bytes, kept exactly. A listed media type the client does not use
//! is a located warning. Examples given by `$ref` are resolved here too.

use super::context::Lowering;
use crate::diagnostics::Diagnostic;
use crate::ir::BodyMedia;
use crate::spec;

/// The media type of a request body the client sends, and its schema.
pub(super) struct Chosen<'a> {
    pub(super) media: BodyMedia,
    pub(super) content_type: Option<String>,
    pub(super) schema: Option<&'a spec::Schema>,
    pub(super) written: &'a spec::MediaType,
}

/// What a media type (as written: `application/json; charset=utf-8`) is to the client.
pub(super) fn media_of(mime: &str) -> BodyMedia {
    let lower = mime.to_ascii_lowercase();
    let essence = lower.split(';').next().unwrap_or_default().trim();
    match essence {
        "application/json" => BodyMedia::Json,
        e if e.starts_with("application/") && e.ends_with("+json") => BodyMedia::Json,
        "application/x-www-form-urlencoded" => BodyMedia::Form,
        "multipart/form-data" => BodyMedia::Multipart,
        e if e.starts_with("text/") && !e.contains('*') => BodyMedia::Text,
        _ => BodyMedia::Bytes,
    }
}

/// The order of preference among the media types of one body.
fn rank(media: BodyMedia) -> u8 {
    match media {
        BodyMedia::Json => 0,
        BodyMedia::Form => 1,
        BodyMedia::Multipart => 2,
        BodyMedia::Text => 3,
        BodyMedia::Bytes => 4,
    }
}

impl<'a> Lowering<'a> {
    /// The media type a request body is sent in: the first of the preferred kind. `None`
    /// for a body that lists no media type.
    pub(super) fn request_media(
        &mut self,
        content: &'a [spec::MediaType],
        what: &str,
    ) -> Option<Chosen<'a>> {
        self.check_examples(content);
        let best = content
            .iter()
            .min_by_key(|m| rank(media_of(&m.media_type.value)))?;
        self.warn_unused(content, best, what, "sends");
        let media = media_of(&best.media_type.value);
        let written = best.media_type.value.as_str();
        let content_type = match media {
            BodyMedia::Json | BodyMedia::Form | BodyMedia::Multipart => None,
            // A range (`*/*`, `image/*`) is not a media type a request can declare.
            _ if written.contains('*') => Some("application/octet-stream".to_string()),
            _ => Some(written.to_string()),
        };
        if media == BodyMedia::Json && best.schema.is_none() {
            self.diags.push(Diagnostic::new(
                best.media_type.pos,
                format!("{what} has no `schema`"),
            ));
        }
        Some(Chosen {
            media,
            content_type,
            schema: best.schema.as_ref(),
            written: best,
        })
    }

    /// The JSON schema an answer is read with: `Ok(None)` for no content (nothing to
    /// read), `Err(())` for raw bytes (a media type other than JSON, or JSON without a
    /// schema).
    pub(super) fn answer_schema(
        &mut self,
        content: &'a [spec::MediaType],
        what: &str,
    ) -> Result<Option<&'a spec::Schema>, ()> {
        self.check_examples(content);
        let Some(best) = content
            .iter()
            .min_by_key(|m| u8::from(media_of(&m.media_type.value) != BodyMedia::Json))
        else {
            return Ok(None);
        };
        self.warn_unused(content, best, what, "reads");
        match (media_of(&best.media_type.value), &best.schema) {
            (BodyMedia::Json, Some(schema)) => Ok(Some(schema)),
            _ => Err(()),
        }
    }

    /// Every example given by `$ref` names one of `components.examples`.
    fn check_examples(&mut self, content: &'a [spec::MediaType]) {
        let index = self.index;
        for media in content {
            for example in &media.examples {
                self.resolve(example, &index.examples, "examples", "example");
            }
        }
    }

    fn warn_unused(
        &mut self,
        content: &'a [spec::MediaType],
        chosen: &spec::MediaType,
        what: &str,
        verb: &str,
    ) {
        for other in content {
            if !std::ptr::eq(other, chosen) {
                let message = format!(
                    "{what} is also documented as `{}`; the client {verb} `{}` only",
                    other.media_type.value, chosen.media_type.value
                );
                self.warn(other.media_type.pos, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_json_form_multipart_text_or_bytes() {
        assert_eq!(media_of("application/json"), BodyMedia::Json);
        assert_eq!(media_of("Application/JSON; charset=utf-8"), BodyMedia::Json);
        assert_eq!(media_of("application/problem+json"), BodyMedia::Json);
        assert_eq!(
            media_of("application/x-www-form-urlencoded"),
            BodyMedia::Form
        );
        assert_eq!(media_of("multipart/form-data"), BodyMedia::Multipart);
        assert_eq!(media_of("text/plain"), BodyMedia::Text);
        assert_eq!(media_of("text/*"), BodyMedia::Bytes);
        assert_eq!(media_of("application/xml"), BodyMedia::Bytes);
        assert_eq!(media_of("*/*"), BodyMedia::Bytes);
        assert_eq!(media_of("application/octet-stream"), BodyMedia::Bytes);
    }
}
