//! A rendered App: SSR snapshots, and synthetic events dispatched to elements found by id.

use dioxus::prelude::*;
use dioxus_core::{AttributeValue, DynamicNode, ElementId, TemplateAttribute, TemplateNode, VNode};
use dioxus_html::{PlatformEventData, SerializedFormData, SerializedMouseData};
use mend_mobile::Phone;
use std::any::Any;
use std::rc::Rc;
use std::time::Duration;

/// The App rendered for one phone.
pub struct Screen {
    dom: VirtualDom,
}

impl Screen {
    /// Render the App for `phone`.
    pub fn new(phone: &Phone) -> Self {
        dioxus::html::set_event_converter(Box::new(dioxus::html::SerializedHtmlEventConverter));
        let mut dom = VirtualDom::new(mend_mobile::App).with_root_context(phone.clone());
        dom.rebuild_in_place();
        Screen { dom }
    }

    /// The page as HTML, without the stylesheet (its selectors would match words and ids).
    pub fn html(&self) -> String {
        let html = dioxus_ssr::render(&self.dom);
        match (html.find("<style>"), html.find("</style>")) {
            (Some(start), Some(end)) => format!("{}{}", &html[..start], &html[end + "</style>".len()..]),
            _ => html,
        }
    }

    /// The page as HTML with entities decoded, for looking for words.
    pub fn page(&self) -> String {
        unescape(&self.html())
    }

    /// Whether the page shows `text`.
    pub fn shows(&self, text: &str) -> bool {
        self.page().contains(text)
    }

    /// Whether an element with this id is on the page.
    pub fn has(&self, id: &str) -> bool {
        self.html().contains(&format!("id=\"{id}\""))
    }

    /// The opening tag of the element with this id (to check its attributes).
    pub fn tag(&self, id: &str) -> String {
        let html = self.html();
        let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in\n{html}"));
        let start = html[..at].rfind('<').unwrap();
        let end = at + html[at..].find('>').unwrap();
        html[start..=end].to_string()
    }

    /// The text inside the element with this id, tags stripped and entities decoded.
    pub fn text(&self, id: &str) -> String {
        let html = self.html();
        let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in\n{html}"));
        let open_end = at + html[at..].find('>').unwrap() + 1;
        let mut depth = 0usize;
        let mut text = String::new();
        let mut rest = &html[open_end..];
        while !rest.is_empty() {
            if let Some(tail) = rest.strip_prefix("</") {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                rest = &tail[tail.find('>').map_or(tail.len(), |i| i + 1)..];
            } else if let Some(tail) = rest.strip_prefix('<') {
                let close = tail.find('>').unwrap_or(tail.len());
                let inner = &tail[..close];
                let void = inner.ends_with('/') || inner.starts_with('!') || is_void(inner);
                if !void {
                    depth += 1;
                }
                rest = &tail[(close + 1).min(tail.len())..];
            } else {
                let next = rest.find('<').unwrap_or(rest.len());
                text.push_str(&rest[..next]);
                rest = &rest[next..];
            }
        }
        unescape(text.trim())
    }

    /// Click the element with this id.
    pub fn click(&mut self, id: &str) {
        self.fire(id, "click", PlatformEventData::new(Box::<SerializedMouseData>::default()));
    }

    /// Type `value` into the field with this id (one `input` event with the whole value).
    pub fn input(&mut self, id: &str, value: &str) {
        let data = SerializedFormData::new(value.to_string(), Vec::new());
        self.fire(id, "input", PlatformEventData::new(Box::new(data)));
    }

    /// Choose `value` in the select with this id.
    pub fn change(&mut self, id: &str, value: &str) {
        let data = SerializedFormData::new(value.to_string(), Vec::new());
        self.fire(id, "change", PlatformEventData::new(Box::new(data)));
    }

    /// Tick the checkbox with this id (a `change` event, as a browser sends for a tap).
    pub fn check(&mut self, id: &str) {
        self.change(id, "true");
    }

    /// Untick the checkbox with this id.
    pub fn uncheck(&mut self, id: &str) {
        self.change(id, "false");
    }

    /// Let spawned tasks run (pairing, sync status) until nothing more happens for a moment.
    pub async fn settle(&mut self) {
        for _ in 0..50 {
            match tokio::time::timeout(Duration::from_millis(30), self.dom.wait_for_work()).await {
                Ok(()) => {
                    self.dom.render_immediate_to_vec();
                }
                Err(_) => break,
            }
        }
    }

    /// Let work from elsewhere (a real relay, another phone) arrive until `done` holds, for up to
    /// `secs` seconds; panics with the page if it never does.
    pub async fn wait_until(&mut self, secs: u64, what: &str, done: impl Fn(&Screen) -> bool) {
        let deadline = std::time::Instant::now() + Duration::from_secs(secs);
        while !done(self) {
            assert!(std::time::Instant::now() < deadline, "never saw {what}:\n{}", self.page());
            if tokio::time::timeout(Duration::from_millis(100), self.dom.wait_for_work()).await.is_ok() {
                self.dom.render_immediate_to_vec();
            }
        }
    }

    fn fire(&mut self, id: &str, event: &str, data: PlatformEventData) {
        let element = find(&self.dom, self.dom.base_scope().root_node(), id, event)
            .unwrap_or_else(|| panic!("no #{id} listening for {event} in\n{}", self.html()));
        let event_data = Event::new(Rc::new(data) as Rc<dyn Any>, true);
        self.dom.runtime().handle_event(event, event_data, element);
        self.dom.render_immediate_to_vec();
    }
}

/// The mounted element with html id `id` and a listener for `event`, searching the whole tree.
fn find(dom: &VirtualDom, node: &VNode, id: &str, event: &str) -> Option<ElementId> {
    let template = node.template;
    let listener = format!("on{event}");
    for (slot, path) in template.attr_paths.iter().enumerate() {
        // All dynamic attributes of the element at `path` (an element may own several slots).
        let attrs = template
            .attr_paths
            .iter()
            .enumerate()
            .filter(|(_, p)| *p == path)
            .flat_map(|(i, _)| node.dynamic_attrs[i].iter());
        let mut html_id = static_id(template.roots, path).map(str::to_string);
        let mut listens = false;
        for attr in attrs {
            match &attr.value {
                AttributeValue::Text(t) if attr.name == "id" => html_id = Some(t.clone()),
                AttributeValue::Listener(_) if attr.name == listener => listens = true,
                _ => {}
            }
        }
        if listens && html_id.as_deref() == Some(id) {
            return node.mounted_dynamic_attribute(slot, dom);
        }
    }
    for (i, dynamic) in node.dynamic_nodes.iter().enumerate() {
        let found = match dynamic {
            DynamicNode::Component(c) => {
                c.mounted_scope(i, node, dom).and_then(|scope| find(dom, scope.root_node(), id, event))
            }
            DynamicNode::Fragment(children) => children.iter().find_map(|child| find(dom, child, id, event)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The static `id` of the template element at `path`.
fn static_id(roots: &[TemplateNode], path: &[u8]) -> Option<&'static str> {
    let (first, rest) = path.split_first()?;
    let mut node = roots.get(usize::from(*first))?;
    for step in rest {
        match node {
            TemplateNode::Element { children, .. } => node = children.get(usize::from(*step))?,
            _ => return None,
        }
    }
    match node {
        TemplateNode::Element { attrs, .. } => attrs.iter().find_map(|a| match a {
            TemplateAttribute::Static { name: "id", value, .. } => Some(*value),
            _ => None,
        }),
        _ => None,
    }
}

fn is_void(tag: &str) -> bool {
    let name = tag.split_whitespace().next().unwrap_or("");
    matches!(name, "input" | "br" | "img" | "meta" | "hr" | "link")
}

/// Decode the entities dioxus-ssr writes.
pub fn unescape(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &tail[1..e];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => match entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
                    None => entity.strip_prefix('#').and_then(|d| d.parse().ok()).and_then(char::from_u32),
                },
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
