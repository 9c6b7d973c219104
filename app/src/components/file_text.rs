//! A file picker that puts a chosen file's text into a textarea. It needs JavaScript: without,
//! it is hidden (`.js-only`) and the text is pasted, so the form posts text either way.
//!
//! A file is read as UTF-8 when it is valid UTF-8, and as Windows-1252 otherwise: what OFAC's
//! CSV files and spreadsheets saved on Windows often are (the server reads uploaded bytes by the
//! same rule, `watchlists::encoding`).

use leptos::html::Textarea;
use leptos::prelude::*;

/// "1 MiB", "16 MiB".
pub fn mib(bytes: f64) -> String {
    format!("{:.0} MiB", bytes / (1024.0 * 1024.0))
}

/// A labelled file input (`id`) that loads the chosen file into `target`, refusing files over
/// `max_bytes`; `on_chosen` hears the file's name (to pick a format by it).
#[component]
pub fn FileIntoText(
    id: &'static str,
    label: &'static str,
    target: NodeRef<Textarea>,
    max_bytes: f64,
    #[prop(optional)] accept: &'static str,
    #[prop(optional)] on_chosen: Option<Callback<String>>,
) -> impl IntoView {
    let note = RwSignal::new(None::<String>);
    view! {
        // No name: the file is never sent as such; its text goes into the textarea.
        <div class="file-pick js-only">
            <label for=id>{label}</label>
            <input
                type="file"
                id=id
                accept=accept
                on:change=move |ev| load(&ev, target, note, max_bytes, on_chosen)
            />
            <p class="hint" role="status">{move || note.get()}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn load(
    ev: &leptos::ev::Event,
    target: NodeRef<Textarea>,
    note: RwSignal<Option<String>>,
    max_bytes: f64,
    on_chosen: Option<Callback<String>>,
) {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let name = file.name();
    if file.size() > max_bytes {
        note.set(Some(format!(
            "{name} is larger than {}, the most this page sends: import it through the API or the server's command line (see the README).",
            mib(max_bytes)
        )));
        input.set_value("");
        return;
    }
    if let Some(chosen) = on_chosen {
        chosen.run(name.clone());
    }
    note.set(Some(format!("Reading {name}…")));
    leptos::task::spawn_local(async move {
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .ok();
        match (buffer.as_ref().and_then(decode), target.get_untracked()) {
            (Some((content, encoding)), Some(area)) => {
                area.set_value(&content);
                note.set(Some(format!(
                    "{name} ({encoding}) is in the field below: check it, then import."
                )));
            }
            _ => note.set(Some(format!("{name} could not be read as text."))),
        }
    });
}

/// The file's bytes as text: UTF-8 if they are valid UTF-8, else Windows-1252.
#[cfg(feature = "hydrate")]
fn decode(buffer: &wasm_bindgen::JsValue) -> Option<(String, &'static str)> {
    use wasm_bindgen::JsCast;
    let bytes: &web_sys::js_sys::Object = buffer.dyn_ref()?;
    let strict = web_sys::TextDecoderOptions::new();
    strict.set_fatal(true);
    let utf8 = web_sys::TextDecoder::new_with_label_and_options("utf-8", &strict).ok()?;
    if let Ok(text) = utf8.decode_with_buffer_source(bytes) {
        return Some((text, "UTF-8"));
    }
    let legacy = web_sys::TextDecoder::new_with_label("windows-1252").ok()?;
    let text = legacy.decode_with_buffer_source(bytes).ok()?;
    Some((text, "Windows-1252"))
}

/// Without JavaScript the file field is hidden and never used.
#[cfg(not(feature = "hydrate"))]
fn load(
    _ev: &leptos::ev::Event,
    _target: NodeRef<Textarea>,
    _note: RwSignal<Option<String>>,
    _max_bytes: f64,
    _on_chosen: Option<Callback<String>>,
) {
}
