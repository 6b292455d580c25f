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
	LookupsIn string `json:"lookups_in"`
	Lookups   []struct {
		Path   string `json:"path"`
		Text   string `json:"text"`
		String bool   `json:"string"`
		Error  *struct {
			Kind    string `json:"kind"`
			Message string `json:"message"`
		} `json:"error"`
	} `json:"lookups"`
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

func readCases(t *testing.T) contextCases {
	data, err := os.ReadFile(filepath.Join("..", "vectors", "context", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases contextCases
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestContextCases loads every case in a fresh working directory with the case's
// files and variables (not parallel: the working directory is the process's).
func TestContextCases(t *testing.T) {
	cases := readCases(t)
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

// TestContextLookups walks every path of the shared lookups with ContextFileGet,
// and with ContextGet finding the same file through $KESTRA_EXECUTION_CONTEXT_FILE:
// a string's text as it is, anything else as compact ASCII JSON (what
// `kestra-emit context PATH` prints), or the core's error kind and message.
func TestContextLookups(t *testing.T) {
	cases := readCases(t)
	file, err := filepath.Abs(filepath.Join(contextFiles, cases.LookupsIn))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("KESTRA_CONTEXT", "")
	t.Setenv("KESTRA_EXECUTION_CONTEXT_FILE", file)
	if len(cases.Lookups) < 20 {
		t.Fatalf("only %d lookups", len(cases.Lookups))
	}
	for _, l := range cases.Lookups {
		for name, get := range map[string]func(string) (string, bool, error){
			"ContextFileGet": func(p string) (string, bool, error) { return kestra.ContextFileGet(file, p) },
			"ContextGet":     kestra.ContextGet,
		} {
			value, isString, err := get(l.Path)
			if l.Error != nil {
				var e *kestra.Error
				if !errors.As(err, &e) || string(e.Kind) != l.Error.Kind || e.Message != l.Error.Message ||
					!errors.Is(err, kestra.Kind(l.Error.Kind)) || value != "" || isString {
					t.Errorf("%s(%q): want a %s error %q, got %q, %v, %v", name, l.Path, l.Error.Kind, l.Error.Message, value, isString, err)
				}
				continue
			}
			if err != nil || value != l.Text || isString != l.String {
				t.Errorf("%s(%q): want %q (string %v), got %q (string %v), %v", name, l.Path, l.Text, l.String, value, isString, err)
			}
			if !isString && !json.Valid([]byte(value)) {
				t.Errorf("%s(%q): %q is not JSON", name, l.Path, value)
			}
		}
	}
}

// Outside a task (no context anywhere) a lookup is ErrNotFound, as Context is.
func TestContextGetWithoutContext(t *testing.T) {
	home, _ := os.Getwd()
	defer os.Chdir(home)
	if err := os.Chdir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"KESTRA_EXECUTION_CONTEXT_FILE", "KESTRA_CONTEXT"} {
		t.Setenv(name, "")
		os.Unsetenv(name)
	}
	_, loadErr := kestra.Context()
	value, isString, err := kestra.ContextGet("inputs.user")
	if !errors.Is(err, kestra.ErrNotFound) || err.Error() != loadErr.Error() || value != "" || isString {
		t.Fatalf("want the load's not_found error %v, got %q, %v, %v", loadErr, value, isString, err)
	}
	if !strings.Contains(err.Error(), ".kestra-execution-context.json") {
		t.Fatalf("the message does not name the file tried: %v", err)
	}
}
