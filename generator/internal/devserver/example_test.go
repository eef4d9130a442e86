package devserver_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"gongjian/generator/internal/devserver"
)

// oneFile is a site of one page.
type oneFile struct{}

func (oneFile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, "<html><body><h1>全市扩大有效投资</h1></body></html>")
}
func (oneFile) Pages() int                      { return 1 }
func (oneFile) Check(ctx context.Context) error { return nil }

func ExampleRun() {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	load := func(context.Context) (devserver.Site, []devserver.Problem, error) {
		return oneFile{}, nil, nil // a real loader reads the site's files again
	}
	c := devserver.Config{
		Addr:     "127.0.0.1:0",
		BasePath: "/preview/pr-12/",
		Watch:    []string{}, // site.toml, content/, layouts/
		Load:     load,
		Labels:   devserver.LabelsFor("zh-Hans"),
	}
	err := devserver.Run(ctx, c, func(url string) {
		resp, err := http.Get(url)
		if err != nil {
			fmt.Println(err)
		} else {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fmt.Println(resp.Status, strings.Contains(string(b), `<script src="/__gongjian/live.js"`))
		}
		stop() // as Ctrl-C would
	})
	fmt.Println(err)
	// Output:
	// 200 OK true
	// <nil>
}
