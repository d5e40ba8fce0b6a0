//! What the derive macros cannot say about request bodies, added to the
//! generated document so that it describes exactly what the server accepts.
//!
//! The resume schemas describe responses, and a stored resume may hold what
//! a client may not send (a date the parser kept as written, a very long
//! field). Request bodies therefore get schemas of their own, built from the
//! response schemas and the domain's edit rules: date patterns, year range,
//! length and item limits, the field an item cannot do without, the two
//! shapes of skills, and which fields a PUT of a section requires. Every
//! object is closed (`additionalProperties: false`), since the server
//! refuses unknown fields, and every JSON body may be refused with 408, 413
//! and 415.

use std::collections::BTreeMap;

use resume_domain::service::edit::{MAX_ITEMS, MAX_TEXT_CHARS, YEARS};
use resume_domain::service::{ItemRules, Section};
use serde_json::{json, Map, Value};

/// A date as the server takes it: `YYYY-MM`, `YYYY` or `Present` in any case.
const DATE_PATTERN: &str =
    "^(?:[1-9][0-9]{3}(?:-(?:0[1-9]|1[0-2]))?|[Pp][Rr][Ee][Ss][Ee][Nn][Tt])$";
/// One white-space character as Rust's `char::is_whitespace` counts it.
const BLANK: &str =
    "[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
/// Holds a character other than white space.
const NOT_BLANK: &str =
    "[^\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
/// Prefix of local references to component schemas.
const SCHEMA_REF: &str = "#/components/schemas/";

/// Applies every refinement to a generated document.
pub(crate) fn refine(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    merge_all_of(schemas);
    let items = item_rules(schemas);

    let mut builder = Builder {
        source: schemas.clone(),
        items,
        made: BTreeMap::new(),
    };
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for operations in paths.values_mut().filter_map(Value::as_object_mut) {
            for (method, operation) in operations.iter_mut() {
                refine_operation(method, operation, &mut builder);
            }
        }
    }

    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        schemas.extend(builder.made);
        for schema in schemas.values_mut() {
            close_objects(schema);
        }
    }
}

/// Replaces every `allOf` of objects (from `#[serde(flatten)]`) by the one
/// object it amounts to, so that it can be closed.
fn merge_all_of(schemas: &mut Map<String, Value>) {
    let names: Vec<String> = schemas
        .iter()
        .filter(|(_, s)| s.get("allOf").is_some())
        .map(|(name, _)| name.clone())
        .collect();
    for name in names {
        let Some(parts) = schemas[&name]["allOf"].as_array().cloned() else {
            continue;
        };
        let mut properties = Map::new();
        let mut required: Vec<Value> = Vec::new();
        for part in &parts {
            let part = match part.get("$ref").and_then(Value::as_str) {
                Some(target) => schemas
                    .get(target.trim_start_matches(SCHEMA_REF))
                    .cloned()
                    .unwrap_or_default(),
                None => part.clone(),
            };
            if let Some(props) = part.get("properties").and_then(Value::as_object) {
                properties.extend(props.clone());
            }
            if let Some(names) = part.get("required").and_then(Value::as_array) {
                required.extend(names.iter().cloned());
            }
        }
        let old = &schemas[&name];
        let mut merged = json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            merged["required"] = Value::Array(required);
        }
        for key in ["description", "example"] {
            if let Some(value) = old.get(key) {
                merged[key] = value.clone();
            }
        }
        schemas.insert(name, merged);
    }
}

/// The item rules of each schema that is the item type of a list section.
fn item_rules(schemas: &Map<String, Value>) -> BTreeMap<String, &'static ItemRules> {
    let mut out = BTreeMap::new();
    for schema in schemas.values() {
        for section in Section::ALL {
            let (Some(key), Some(rules)) = (section.body_key(), section.item_rules()) else {
                continue;
            };
            let item = schema
                .pointer(&format!("/properties/{key}/items/$ref"))
                .and_then(Value::as_str);
            if let Some(item) = item {
                out.insert(item.trim_start_matches(SCHEMA_REF).to_owned(), rules);
            }
        }
    }
    out
}

/// Gives a JSON request body its own schema and documents the statuses
/// every JSON body can meet.
fn refine_operation(method: &str, operation: &mut Value, builder: &mut Builder) {
    let Some(schema) = operation.pointer_mut("/requestBody/content/application~1json/schema")
    else {
        return;
    };
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .map(|r| r.trim_start_matches(SCHEMA_REF).to_owned())
        .filter(|name| !name.ends_with("Request"))
    {
        let replace = method.eq_ignore_ascii_case("put");
        let input = builder.body(&name, replace);
        *schema = json!({"$ref": format!("{SCHEMA_REF}{input}")});
    }

    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (status, description) in [
        ("408", "The body did not arrive within the time allowed"),
        ("413", "The JSON body is over the limit"),
        (
            "415",
            "The body is not JSON (`Content-Type` must be `application/json`)",
        ),
    ] {
        responses.entry(status).or_insert_with(|| {
            json!({
                "description": description,
                "content": {"application/json": {
                    "schema": {"$ref": format!("{SCHEMA_REF}ErrorBody")}
                }}
            })
        });
    }
}

/// Builds request schemas from response schemas.
struct Builder {
    /// The response schemas.
    source: Map<String, Value>,
    /// Rules of the item types of list sections.
    items: BTreeMap<String, &'static ItemRules>,
    /// The request schemas made so far, by name.
    made: BTreeMap<String, Value>,
}

impl Builder {
    /// The name of the request schema of a whole body built on `name`.
    /// Nothing is required, except the section's key in a PUT of a section.
    fn body(&mut self, name: &str, replace: bool) -> String {
        let base = name.trim_end_matches("Dto");
        let input = format!("{base}{}", if replace { "Put" } else { "Patch" });
        if self.made.contains_key(&input) {
            return input;
        }
        let mut schema = self.object(name);
        if let Some(map) = schema.as_object_mut() {
            map.remove("required");
        }
        let section_key = Section::ALL
            .iter()
            .filter_map(|s| s.body_key())
            .find(|key| {
                let props = schema.get("properties").and_then(Value::as_object);
                props.is_some_and(|p| p.len() == 1 && p.contains_key(*key))
            });
        if let (true, Some(key)) = (replace, section_key) {
            schema["required"] = json!([key]);
        }
        self.made.insert(input.clone(), schema);
        input
    }

    /// The request schema of a nested component, made once.
    fn nested(&mut self, name: &str) -> String {
        let input = format!("{}Input", name.trim_end_matches("Dto"));
        if !self.made.contains_key(&input) {
            let mut schema = self.object(name);
            if let Some(map) = schema.as_object_mut() {
                map.remove("required");
            }
            if let Some(rules) = self.items.get(name) {
                item_constraints(&mut schema, rules);
            }
            self.made.insert(input.clone(), schema);
        }
        input
    }

    /// A copy of the component `name` with its properties made into request
    /// properties.
    fn object(&mut self, name: &str) -> Value {
        let mut schema = self.source.get(name).cloned().unwrap_or_default();
        let rules = self.items.get(name).copied();
        if let Some(map) = schema.as_object_mut() {
            map.remove("example");
        }
        let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
            return schema;
        };
        let keys: Vec<String> = properties.keys().cloned().collect();
        for key in keys {
            let property = properties[&key].clone();
            let refined = self.property(&key, property, rules);
            properties.insert(key, refined);
        }
        schema
    }

    /// One property of a request body.
    fn property(&mut self, key: &str, property: Value, rules: Option<&ItemRules>) -> Value {
        let description = property.get("description").cloned();
        let mut out = match (key, rules) {
            ("id", Some(_)) => json!({
                "type": "integer", "minimum": 1, "maximum": u32::MAX,
                "description": "PATCH: the item to change; without it the item is added. \
                    PUT numbers the items afresh."
            }),
            ("is_current", Some(_)) => json!({
                "type": ["boolean", "null"],
                "description": "`true` with no `end_date` makes the job ongoing."
            }),
            (key, Some(rules)) if rules.date_fields.contains(&key) => {
                json!({"type": ["string", "null"], "pattern": DATE_PATTERN})
            }
            (key, Some(rules)) if rules.year_fields.contains(&key) => json!({
                "type": ["integer", "null"],
                "minimum": YEARS.start(), "maximum": YEARS.end()
            }),
            ("skills", _) => {
                let categories = self.skill_categories();
                json!({"oneOf": [
                    {"$ref": format!("{SCHEMA_REF}{categories}")},
                    string_list(),
                ]})
            }
            ("email", None) => json!({
                "type": ["string", "null"], "maxLength": 254,
                "anyOf": [{"format": "email"}, {"pattern": format!("^{BLANK}*$")}],
                "description": "A valid address; null or blank clears it."
            }),
            _ => self.value(property),
        };
        if let (Some(description), Some(map)) = (description, out.as_object_mut()) {
            map.entry("description").or_insert(description);
        }
        out
    }

    /// A value of a request body: references and lists made into their
    /// request forms, strings and lists bounded.
    fn value(&mut self, mut value: Value) -> Value {
        if value.get("readOnly") == Some(&Value::Bool(true)) {
            // Sent back with the rest of a resource, it is ignored, whatever it holds.
            return json!({"readOnly": true, "description": "Ignored in requests."});
        }
        if let Some(target) = value.get("$ref").and_then(Value::as_str) {
            let name = target.trim_start_matches(SCHEMA_REF).to_owned();
            let input = self.nested(&name);
            return json!({"$ref": format!("{SCHEMA_REF}{input}")});
        }
        match value.get("type") {
            Some(t) if has_type(t, "string") => {
                value["maxLength"] = json!(MAX_TEXT_CHARS);
            }
            Some(t) if has_type(t, "array") => {
                value["maxItems"] = json!(MAX_ITEMS);
                if let Some(items) = value.get("items").cloned() {
                    value["items"] = self.value(items);
                }
            }
            _ => {}
        }
        value
    }

    /// The categorised form of skills in a request, made once.
    fn skill_categories(&mut self) -> String {
        let name = "SkillsInput".to_owned();
        self.made.entry(name.clone()).or_insert_with(|| {
            json!({
                "type": "object",
                "description": "Skills by category. PUT replaces all three; PATCH \
                    replaces the categories it names. A flat list instead is sorted \
                    into the categories by the server.",
                "properties": {
                    "technical": string_list(),
                    "soft_skills": string_list(),
                    "tools": string_list(),
                }
            })
        });
        name
    }
}

/// What an item of a list section cannot do without: one of its key fields,
/// holding more than white space.
fn item_constraints(schema: &mut Value, rules: &ItemRules) {
    let any_of: Vec<Value> = rules
        .key_fields
        .iter()
        .map(|key| {
            json!({
                "required": [key],
                "properties": {*key: {"type": "string", "pattern": NOT_BLANK}}
            })
        })
        .collect();
    schema["anyOf"] = Value::Array(any_of);
}

fn string_list() -> Value {
    json!({
        "type": "array", "maxItems": MAX_ITEMS,
        "items": {"type": "string", "maxLength": MAX_TEXT_CHARS}
    })
}

fn has_type(declared: &Value, wanted: &str) -> bool {
    match declared {
        Value::String(t) => t == wanted,
        Value::Array(ts) => ts.iter().any(|t| t == wanted),
        _ => false,
    }
}

/// Closes every object that lists its properties, here and below.
fn close_objects(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for (key, child) in map.iter_mut() {
                // The alternatives of `anyOf` only add constraints to the
                // properties of the object around them.
                if key != "anyOf" {
                    close_objects(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}
