// The drafting pack's Word writer, fetched by draft.js only when a pack is downloaded.
// It writes the body of word/document.xml and word/comments.xml into the site's template
// (draft/pack-template.docx, made at build time by gpia.pages.draft_tool from the site's one Word
// style declaration, gpia.pages.word): page size, language, fonts, footer and styles all come from
// the template; this file names styles only by the ids the build read from it (index.json).
// Departures from the national text are tracked changes (w:ins / w:del with w:author and w:date):
// accepting all gives the site's text, rejecting all the national text. The zip is read and
// written with the browser's own (De)CompressionStream and CRC-32 here, so no zip library is needed.
(function () {
  "use strict";

  // ---- zip (stored entries only) -----------------------------------------------------------
  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
      table[n] = c >>> 0;
    }
    return table;
  })();
  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) { c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8); }
    return (c ^ 0xffffffff) >>> 0;
  }
  // A zip's entries (stored or deflated), read with the browser's own DecompressionStream.
  function through(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  function readZip(bytes) {
    var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), end = bytes.length - 22;
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) { end--; }
    if (end < 0) { return Promise.reject(new Error("the Word template is not a zip file")); }
    var count = view.getUint16(end + 10, true), at = view.getUint32(end + 16, true), entries = [];
    var decoder = new TextDecoder();
    for (var i = 0; i < count; i++) {
      var method = view.getUint16(at + 10, true), size = view.getUint32(at + 20, true);
      var nameLength = view.getUint16(at + 28, true), extra = view.getUint16(at + 30, true), comment = view.getUint16(at + 32, true);
      var local = view.getUint32(at + 42, true);
      var name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      var start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      var raw = bytes.slice(start, start + size);
      if (method !== 0 && method !== 8) { return Promise.reject(new Error("the Word template's " + name + " is compressed in an unknown way")); }
      entries.push(method === 8 ? through(raw, new DecompressionStream("deflate-raw")).then(named(name)) : Promise.resolve({ name: name, data: raw }));
      at += 46 + nameLength + extra + comment;
    }
    return Promise.all(entries);
  }
  function named(name) { return function (data) { return { name: name, data: data }; }; }
  // The entries deflated (CompressionStream), each with the CRC-32 of its uncompressed bytes.
  function writeZip(entries) {
    return Promise.all(entries.map(function (e) {
      return through(e.data, new CompressionStream("deflate-raw")).then(function (packed) {
        return { name: e.name, crc: crc32(e.data), size: e.data.length, packed: packed };
      });
    })).then(function (files) {
      var encoder = new TextEncoder(), parts = [], central = [], offset = 0;
      files.forEach(function (e) {
        var name = encoder.encode(e.name), head = new DataView(new ArrayBuffer(30));
        head.setUint32(0, 0x04034b50, true); head.setUint16(4, 20, true); head.setUint16(6, 0x0800, true);
        head.setUint16(8, 8, true); head.setUint16(10, 0, true); head.setUint16(12, 0x21, true);
        head.setUint32(14, e.crc, true); head.setUint32(18, e.packed.length, true); head.setUint32(22, e.size, true);
        head.setUint16(26, name.length, true); head.setUint16(28, 0, true);
        var dir = new DataView(new ArrayBuffer(46));
        dir.setUint32(0, 0x02014b50, true); dir.setUint16(4, 20, true); dir.setUint16(6, 20, true); dir.setUint16(8, 0x0800, true);
        dir.setUint16(10, 8, true); dir.setUint16(12, 0, true); dir.setUint16(14, 0x21, true);
        dir.setUint32(16, e.crc, true); dir.setUint32(20, e.packed.length, true); dir.setUint32(24, e.size, true);
        dir.setUint16(28, name.length, true); dir.setUint32(38, 0x81a40000, true); dir.setUint32(42, offset, true);
        parts.push(new Uint8Array(head.buffer), name, e.packed);
        central.push(new Uint8Array(dir.buffer), name);
        offset += 30 + name.length + e.packed.length;
      });
      var size = central.reduce(function (n, p) { return n + p.length; }, 0), end = new DataView(new ArrayBuffer(22));
      end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
      end.setUint32(12, size, true); end.setUint32(16, offset, true);
      var all = parts.concat(central, [new Uint8Array(end.buffer)]), total = all.reduce(function (n, p) { return n + p.length; }, 0);
      var out = new Uint8Array(total), at = 0;
      all.forEach(function (p) { out.set(p, at); at += p.length; });
      return out;
    });
  }

  // ---- WordprocessingML --------------------------------------------------------------------
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  // Characters XML 1.0 cannot hold (control characters, lone surrogates) are left out.
  var NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
  function esc(text) {
    return String(text).replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function textRuns(text, tag, props) {
    var rPr = props ? "<w:rPr>" + props + "</w:rPr>" : "";
    return String(text).split("\n").map(function (line, i) {
      return "<w:r>" + rPr + (i ? "<w:br/>" : "") + "<" + tag + ' xml:space="preserve">' + esc(line) + "</" + tag + "></w:r>";
    }).join("");
  }

  function Writer(styles, author, date) {
    this.styles = styles;
    this.author = esc(author);
    this.date = date;
    this.body = [];
    this.comments = [];
    this.revision = 0;
  }
  Writer.prototype.change = function (kind, inner) {
    this.revision += 1;
    return "<w:" + kind + ' w:id="' + (1000 + this.revision) + '" w:author="' + this.author + '" w:date="' + this.date + '">' + inner + "</w:" + kind + ">";
  };
  Writer.prototype.mark = function (kind) { // a paragraph mark inserted or deleted
    this.revision += 1;
    return "<w:rPr><w:" + kind + ' w:id="' + (1000 + this.revision) + '" w:author="' + this.author + '" w:date="' + this.date + '"/></w:rPr>';
  };
  Writer.prototype.p = function (style, inner, mark) {
    var pPr = "<w:pPr>" + (style ? '<w:pStyle w:val="' + this.styles[style] + '"/>' : "") + (mark || "") + "</w:pPr>";
    this.body.push("<w:p>" + pPr + inner + "</w:p>");
  };
  Writer.prototype.text = function (style, text) { this.p(style, textRuns(text, "w:t")); };
  Writer.prototype.labelled = function (label, text, style) {
    this.p(style || null, textRuns(label, "w:t", "<w:b/>") + textRuns(text, "w:t"));
  };
  Writer.prototype.pageBreak = function () { this.body.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>'); };
  Writer.prototype.redline = function (ops) {
    var self = this;
    this.p("nhs", ops.map(function (op) {
      if (op.kind === "equal") { return textRuns(op.text, "w:t"); }
      return self.change(op.kind === "delete" ? "del" : "ins", textRuns(op.text, op.kind === "delete" ? "w:delText" : "w:t"));
    }).join(""));
  };
  Writer.prototype.deleted = function (text, reason) {
    var id = this.comments.length;
    this.comments.push('<w:comment w:id="' + id + '" w:author="' + this.author + '" w:date="' + this.date + '" w:initials="LD"><w:p>' +
      textRuns("Left out: " + reason, "w:t") + "</w:p></w:comment>");
    this.p("nhs", '<w:commentRangeStart w:id="' + id + '"/>' + this.change("del", textRuns(text, "w:delText")) +
      '<w:commentRangeEnd w:id="' + id + '"/><w:r><w:commentReference w:id="' + id + '"/></w:r>', this.mark("del"));
  };
  Writer.prototype.inserted = function (text) {
    this.p("nhs", this.change("ins", textRuns(text, "w:t")), this.mark("ins"));
  };
  Writer.prototype.table = function (headings, rows) {
    var width = Math.floor(9000 / headings.length);
    function cell(text, bold) {
      return '<w:tc><w:tcPr><w:tcW w:w="' + width + '" w:type="dxa"/></w:tcPr><w:p>' + textRuns(text, "w:t", bold ? "<w:b/>" : "") + "</w:p></w:tc>";
    }
    this.body.push("<w:tbl><w:tblPr><w:tblStyle w:val=\"" + this.styles.table + "\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>" +
      '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>' +
      "<w:tblGrid>" + headings.map(function () { return '<w:gridCol w:w="' + width + '"/>'; }).join("") + "</w:tblGrid>" +
      "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + headings.map(function (h) { return cell(h, true); }).join("") + "</w:tr>" +
      rows.map(function (row) { return "<w:tr>" + headings.map(function (h, i) { return cell(row[i] || ""); }).join("") + "</w:tr>"; }).join("") +
      "</w:tbl>");
    this.p(null, "");
  };

  // ---- the pack ------------------------------------------------------------------------------
  function pack(input, template) {
    var state = input.state, data = input.data, index = input.index;
    var site = state.parties.site || "";
    var w = new Writer(index.styles, site || "Local draft", input.date);
    var NOT_YET = "Not yet completed";

    w.text("title", "Drafting pack" + (site ? ": " + site : ""));
    w.labelled("Local site: ", site || NOT_YET);
    w.labelled("Date: ", input.date.slice(0, 10));
    w.labelled("Drafted against: ", index.version.label + ", " + index.version.agreement);
    w.text("note", "Made with the GP Integration Agreement guide's drafting pack tool. Every departure from the national " +
      "text is a tracked change: accept them all for this site's text, reject them all for the national text. Decisions, " +
      "notes and schedules are this site's own words, not NHS wording.");
    w.pageBreak();

    w.text("heading1", "Parties");
    [["provider", "Integrated care provider"], ["practices", "GP practices"], ["federation", "GP federation"],
      ["signatories", "Who signs, and on what authority"]].forEach(function (p) {
      w.text("heading2", p[1]);
      w.text(state.parties[p[0]] ? null : "note", state.parties[p[0]] || NOT_YET);
    });

    var decisions = data.decisions || [];
    if (decisions.length) {
      w.text("heading1", "Decisions");
      decisions.forEach(function (d) {
        var a = state.decisions[d.id] || {};
        w.text("heading2", d.title);
        var chosen = input.choiceText(d, a);
        w.labelled("Decision: ", a.choice === "other" ? (a.other || "Other (own words not yet written)") : chosen);
        if (a.note) { w.labelled("Note: ", a.note); }
      });
    }

    index.tasks.filter(function (t) { return t.kind === "requirements"; }).forEach(function (t) {
      var table = data[t.id];
      w.text("heading1", t.title);
      w.text("note", "The suggested requirements of " + index.version.label + " (“" + table.heading + "”), with this site's departures as tracked changes.");
      table.rows.forEach(function (row) {
        w.text("heading2", row.row + " " + row.title);
        row.requirements.forEach(function (r) {
          var a = state.requirements[r.id];
          if (a && a.action === "reword" && typeof a.text === "string") { w.redline(input.redline(r.text, a.text)); } else if (a && a.action === "leave-out") { w.deleted(r.text, a.reason || "no reason given"); } else { w.text("nhs", r.text); }
        });
        (state.own[row.id] || []).filter(function (x) { return x.trim(); }).forEach(function (text) { w.inserted(text); });
      });
    });

    index.tasks.filter(function (t) { return t.kind === "schedule"; }).forEach(function (t) {
      var s = data[t.id], values = state.schedules[s.id] || {};
      w.text("heading1", s.label);
      s.fields.forEach(function (f) {
        var v = values[f.id];
        w.text("heading2", f.label);
        if (f.kind === "table" || f.kind === "kpi-table") {
          var rows = Array.isArray(v) && Array.isArray(v[0]) ? v : [];
          w.table(f.columns.map(function (c) { return c.label; }), rows.length ? rows : [f.columns.map(function (c, i) { return i ? "" : NOT_YET; })]);
        } else if (Array.isArray(v) && v.length) {
          v.forEach(function (item) { w.text("list", item); });
        } else if (typeof v === "string" && v) {
          w.text(null, f.kind === "number" && f.unit ? v + " " + f.unit : v);
        } else {
          w.text("note", NOT_YET);
        }
      });
    });

    w.text("heading1", "Still to decide");
    if (input.open.length) { input.open.forEach(function (o) { w.text("list", o[1]); }); } else { w.text(null, "Nothing is still open."); }

    var decoder = new TextDecoder(), encoder = new TextEncoder();
    return readZip(template).then(function (read) { return writeZip(read.map(function (e) {
      if (e.name === "word/document.xml") {
        var xml = decoder.decode(e.data), open = xml.indexOf("<w:body>") + "<w:body>".length, sect = xml.lastIndexOf("<w:sectPr");
        if (open < 8 || sect < open) { throw new Error("the Word template has no body"); }
        e.data = encoder.encode(xml.slice(0, open) + w.body.join("") + xml.slice(sect));
      } else if (e.name === "word/comments.xml") {
        e.data = encoder.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="' + W + '">' + w.comments.join("") + "</w:comments>");
      }
      return e;
    })); });
  }

  window.gpiaPackWriter = { pack: pack, readZip: readZip, writeZip: writeZip, crc32: crc32 };
})();
