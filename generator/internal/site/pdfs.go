package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"gongjian/generator/internal/dataset"
)

// Printed bulletins survive builds.
//
// `pdf` prints a bulletin from its page as a build would write it without
// the PDF's own link, and records the digest of that page and of every
// asset (PrintSource). A build keeps a PDF from the previous output — and
// links it — exactly when the bulletin's digest is the same now: same
// figures, same words, same layouts. A bulletin whose data or layout
// changed loses its PDF (and link) until it is printed again, so a
// printed bulletin never disagrees with its page.

// printSource is the digest of what a bulletin is printed from, computed
// once per build.
func (b *builder) printSource(bl *dataset.Bulletin) (string, error) {
	b.printMu.Lock()
	slot := b.printSlots[bl.Slug]
	if slot == nil {
		if b.printSlots == nil {
			b.printSlots = map[string]*printSlot{}
		}
		slot = &printSlot{}
		b.printSlots[bl.Slug] = slot
	}
	b.printMu.Unlock()
	slot.once.Do(func() {
		cm := b.common("bulletin", "/bulletins/"+bl.Slug+"/")
		m, err := b.bulletinModel(cm, bl, false)
		if err != nil {
			slot.err = err
			return
		}
		var buf bytes.Buffer
		if err := b.execute(&buf, "bulletin", m); err != nil {
			slot.err = err
			return
		}
		h := sha256.New()
		h.Write(buf.Bytes())
		h.Write([]byte(b.assetDigest()))
		slot.digest = hex.EncodeToString(h.Sum(nil))
	})
	return slot.digest, slot.err
}

type printSlot struct {
	once   sync.Once
	digest string
	err    error
}

// pdfStillValid reports whether a PDF of the previous output was printed
// from what the bulletin is now.
func (b *builder) pdfStillValid(slug string, e pdfEntry) bool {
	for _, bl := range b.bulletins() {
		if bl.Slug == slug {
			d, err := b.printSource(bl)
			return err == nil && d == e.Source
		}
	}
	return false
}

// pdfJobs write the PDFs this build publishes: those just printed, and
// those of the previous output that are still valid.
func (b *builder) pdfJobs(w *dirWriter) []*job {
	var jobs []*job
	for _, bl := range b.bulletins() {
		bl := bl
		if p, ok := b.opts.PDFs[bl.Slug]; ok && p.PDF != nil {
			jobs = append(jobs, &job{rel: pdfPath(bl.Slug)[1:], data: func() ([]byte, error) {
				w.addPDF(bl.Slug, pdfEntry{File: pdfPath(bl.Slug), Source: p.Source})
				return p.PDF, nil
			}})
			continue
		}
		if e, ok := b.prevPDFs[bl.Slug]; ok && b.pdfStillValid(bl.Slug, e) {
			jobs = append(jobs, &job{rel: "", keep: func() error {
				b.keptMu.Lock()
				b.kept = append(b.kept, bl.Slug)
				b.keptMu.Unlock()
				return w.keepPDF(bl.Slug, e)
			}})
		}
	}
	return jobs
}
