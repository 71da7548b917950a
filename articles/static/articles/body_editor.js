// The article body's rich-text editor: django-prose-editor (tiptap) with the extensions the
// server lists in the textarea's data-django-prose-editor-newsroom attribute, plus ours:
// citation markers as atomic chips, draft sections, and the classes the public page styles.
// Imported by relative path, so the page needs no inline import map (the CSP forbids it).
import * as PE from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-django-prose-editor-newsroom";

// A marker's references: its links, or its bare text when it has none ("[1]").
function refsOf(element) {
  const links = Array.from(element.querySelectorAll("a"));
  if (!links.length) {
    return [{ href: "", title: "", label: element.textContent }];
  }
  return links.map((a) => ({
    href: a.getAttribute("href") || "",
    title: a.getAttribute("title") || "",
    label: a.textContent,
  }));
}

function renderRef(ref) {
  if (!ref.href) {
    return ref.label;
  }
  return ["a", ref.title ? { href: ref.href, title: ref.title } : { href: ref.href }, ref.label];
}

// <sup class="cite"><a href="#source-N">[N]</a>…</sup>: one atom, never half-deleted.
// Backspace (or Delete) next to a chip selects it; a second press removes it whole.
const Citation = PE.Node.create({
  name: "citation",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,
  addAttributes() {
    return {
      refs: {
        default: [],
        parseHTML: (element) => refsOf(element),
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    return [{ tag: "sup.cite", priority: 100 }];
  },
  renderHTML({ node }) {
    return ["sup", { class: "cite" }, ...node.attrs.refs.map(renderRef)];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("sup");
      dom.className = "cite nr-cite-chip";
      dom.contentEditable = "false";
      dom.textContent = node.attrs.refs.map((r) => r.label).join("");
      dom.title = node.attrs.refs.map((r) => r.title || r.href).join("; ");
      return { dom };
    };
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "citation",
      groups: "link",
      command(editor) {
        editor.commands.addCitation();
      },
      button: buttons.text("[n]", "cite a source"),
      active(editor) {
        return editor.isActive("citation");
      },
    });
  },
  addCommands() {
    return {
      // Asks for source numbers ("1" or "1, 3") and inserts one chip linking to each.
      addCitation:
        () =>
        ({ editor }) => {
          const ask = PE.updateAttrsDialog(
            { numbers: { type: "string", title: "Source number(s), e.g. 2 or 1, 3" } },
            { title: "Cite a source", submitText: "Insert" },
          );
          ask(editor, { numbers: "" }).then((attrs) => {
            const numbers = ((attrs && attrs.numbers) || "").match(/\d+/g) || [];
            if (!numbers.length) {
              return;
            }
            const refs = numbers.map((n) => ({ href: `#source-${n}`, title: "", label: `[${n}]` }));
            editor.chain().focus().insertContent({ type: "citation", attrs: { refs } }).run();
          });
          return true;
        },
    };
  },
  addKeyboardShortcuts() {
    const selectNeighbour = (editor, before) => {
      const { selection } = editor.state;
      if (!selection.empty) {
        return false;
      }
      const node = before ? selection.$from.nodeBefore : selection.$from.nodeAfter;
      if (!node || node.type.name !== "citation") {
        return false;
      }
      return editor.commands.setNodeSelection(before ? selection.from - node.nodeSize : selection.from);
    };
    return {
      Backspace: ({ editor }) => selectNeighbour(editor, true),
      Delete: ({ editor }) => selectNeighbour(editor, false),
    };
  },
});

// The draft's <section class="draft-section"> wrappers.
const Section = PE.Node.create({
  name: "section",
  group: "block",
  content: "block+",
  defining: true,
  parseHTML() {
    return [{ tag: "section" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["section", HTMLAttributes, 0];
  },
});

const keep = (name) => ({
  default: null,
  parseHTML: (element) => element.getAttribute(name),
  renderHTML: (attrs) => (attrs[name] ? { [name]: attrs[name] } : {}),
});

// The classes the sanitising policy keeps (lead paragraph, bullets, key-facts table, section).
const KeepClasses = PE.Extension.create({
  name: "keepClasses",
  addGlobalAttributes() {
    return [
      { types: ["paragraph", "bulletList", "table", "section"], attributes: { class: keep("class") } },
      { types: ["tableHeader"], attributes: { scope: keep("scope") } },
    ];
  },
});

// The key-facts table keeps its <caption> (as an attribute: a caption is not a row).
const Table = PE.Table.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      caption: {
        default: null,
        parseHTML: (element) => element.querySelector(":scope > caption")?.textContent.trim() || null,
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    return [...this.parent(), { tag: "caption", ignore: true }];
  },
  renderHTML(props) {
    const spec = this.parent(props);
    const caption = props.node.attrs.caption;
    if (caption) {
      const table = spec[0] === "table" ? spec : spec[2];
      table.splice(2, 0, ["caption", {}, caption]);
    }
    return spec;
  },
});

const ours = { Citation, Section, KeepClasses, Table };

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) {
    return null;
  }
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const extensions = [];
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = ours[name] || PE[name];
    if (!extension) {
      continue;
    }
    extensions.push(typeof options === "object" ? extension.configure(options) : extension);
  }
  const editor = PE.createTextareaEditor(textarea, extensions);
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  );
  return editor;
}

PE.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
