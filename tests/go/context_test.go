package gotests

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

// The shared context cases (tests/vectors/context/cases.json, format in its README).
type contextCases struct {
	Loads []struct {
		Name    string            `json:"name"`
		Files   map[string]string `json:"files"`
		Dirs    []string          `json:"dirs"`
		Env     map[string]any    `json:"env"`
		Path    *string           `json:"path"`
		Context string            `json:"context"`
		Error   *struct {
			Kind    string `json:"kind"`
			Message string `json:"message"`
		} `json:"error"`
	} `json:"loads"`
}

var contextFiles = filepath.Join("..", "vectors", "context", "files")

// decodeFile is the context file `path` as Context decodes it (numbers as json.Number).
func decodeFile(t *testing.T, path string) map[string]any {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestContextCases loads every case in a fresh working directory with the case's
// files and variables (not parallel: the working directory is the process's).
func TestContextCases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "vectors", "context", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases contextCases
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Abs(contextFiles)
	if err != nil {
		t.Fatal(err)
	}
	home, _ := os.Getwd()
	defer os.Chdir(home)
	for _, c := range cases.Loads {
		t.Run(c.Name, func(t *testing.T) {
			dir := t.TempDir()
			for target, source := range c.Files {
				content, err := os.ReadFile(filepath.Join(files, source))
				if err != nil {
					t.Fatal(err)
				}
				os.MkdirAll(filepath.Dir(filepath.Join(dir, target)), 0o755)
				if err := os.WriteFile(filepath.Join(dir, target), content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, d := range c.Dirs {
				os.MkdirAll(filepath.Join(dir, d), 0o755)
			}
			for _, name := range []string{"KESTRA_EXECUTION_CONTEXT_FILE", "KESTRA_CONTEXT"} {
				t.Setenv(name, "")
				os.Unsetenv(name)
			}
			for name, value := range c.Env {
				text, ok := value.(string)
				if !ok {
					content, err := os.ReadFile(filepath.Join(files, value.(map[string]any)["base64_of"].(string)))
					if err != nil {
						t.Fatal(err)
					}
					text = base64.StdEncoding.EncodeToString(content)
				}
				t.Setenv(name, text)
			}
			if err := os.Chdir(dir); err != nil {
				t.Fatal(err)
			}
			defer os.Chdir(home)
			var got map[string]any
			if c.Path != nil {
				got, err = kestra.ContextFile(*c.Path)
			} else {
				got, err = kestra.Context()
			}
			if c.Error != nil {
				var e *kestra.Error
				if !errors.As(err, &e) || string(e.Kind) != c.Error.Kind || !strings.HasPrefix(e.Message, c.Error.Message) {
					t.Fatalf("want a %s error %q..., got %v", c.Error.Kind, c.Error.Message, err)
				}
				if c.Error.Kind == "not_found" && !errors.Is(err, kestra.ErrNotFound) {
					t.Fatalf("errors.Is(err, ErrNotFound) is false for %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := decodeFile(t, filepath.Join(files, c.Context)); !reflect.DeepEqual(got, want) {
				t.Fatalf("the context differs from %s", c.Context)
			}
		})
	}
}
