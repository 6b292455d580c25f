# frozen_string_literal: true

# Kestra.context on the shared execution-context cases (tests/vectors/context/cases.json,
# format in its README): each load case in a fresh working directory with its files
# and variables.
require "minitest/autorun"
require "fileutils"
require "json"
require "tmpdir"
require "kestra"

class TestContext < Minitest::Test
  FOLDER = File.expand_path("../vectors/context", __dir__)
  FILES = File.join(FOLDER, "files")
  VARIABLES = %w[KESTRA_EXECUTION_CONTEXT_FILE KESTRA_CONTEXT].freeze
  CASES = JSON.parse(File.read(File.join(FOLDER, "cases.json")))

  def expected(name)
    JSON.parse(File.read(File.join(FILES, name)), max_nesting: false)
  end

  # Runs the block in the case's directory and environment, restoring both after.
  def in_case(c)
    saved = VARIABLES.to_h { |name| [name, ENV.delete(name)] }
    Dir.mktmpdir do |dir|
      c.fetch("files", {}).each do |target, source|
        FileUtils.mkdir_p(File.dirname(File.join(dir, target)))
        FileUtils.cp(File.join(FILES, source), File.join(dir, target))
      end
      c.fetch("dirs", []).each { |d| FileUtils.mkdir_p(File.join(dir, d)) }
      c.fetch("env", {}).each do |name, value|
        value = [File.binread(File.join(FILES, value["base64_of"]))].pack("m0") if value.is_a?(Hash)
        ENV[name] = value
      end
      Dir.chdir(dir) { yield }
    end
  ensure
    VARIABLES.each { |name| ENV[name] = saved[name] }
  end

  CASES["loads"].each_with_index do |c, i|
    define_method("test_load_#{i}") do
      in_case(c) do
        call = -> { c.key?("path") ? Kestra.context(c["path"]) : Kestra.context }
        if (error = c["error"])
          raised = assert_raises(Kestra::Error, c["name"]) { call.call }
          assert_equal error["kind"].to_sym, raised.kind, c["name"]
          assert raised.message.start_with?(error["message"]), "#{c['name']}: #{raised.message}"
          assert_kind_of Kestra::NotFoundError, raised if error["kind"] == "not_found"
        else
          got = call.call
          assert_equal expected(c["context"]), got, c["name"]
          assert got.frozen?
        end
      end
    end
  end

  # Every shared lookup, through Kestra.context_text (the text `kestra-emit context
  # PATH` prints) and Kestra.context_get (a String, or the Ruby value of the JSON),
  # on the file given with file: and found through $KESTRA_EXECUTION_CONTEXT_FILE.
  def test_lookups
    file = File.join(FILES, CASES["lookups_in"])
    assert_operator CASES["lookups"].size, :>=, 20
    in_case({ "env" => { "KESTRA_EXECUTION_CONTEXT_FILE" => file } }) do
      CASES["lookups"].each do |lookup|
        path = lookup["path"]
        [{ file: file }, {}].each do |where|
          if (error = lookup["error"])
            cls = error["kind"] == "not_found" ? Kestra::NotFoundError : Kestra::ArgumentError
            %i[context_text context_get].each do |call|
              raised = assert_raises(cls, "#{call}(#{path})") { Kestra.send(call, path, **where) }
              assert_equal [error["kind"].to_sym, error["message"]], [raised.kind, raised.message], "#{call}(#{path})"
            end
            next
          end
          text = Kestra.context_text(path, **where)
          assert_equal lookup["text"], text, path
          assert_equal Encoding::UTF_8, text.encoding
          value = Kestra.context_get(path, **where)
          if lookup["string"]
            assert_equal [String, lookup["text"]], [value.class, value], path
          else
            assert text.ascii_only?, path
            want = JSON.parse(lookup["text"])
            assert_equal [want.class, want], [value.class, value], path
            refute_kind_of String, value, path
          end
          assert value.frozen?, path
        end
      end
    end
  end

  def test_lookup_without_a_context
    in_case({}) do
      load = assert_raises(Kestra::NotFoundError) { Kestra.context }
      raised = assert_raises(Kestra::NotFoundError) { Kestra.context_get("inputs.user") }
      assert_equal [:not_found, load.message], [raised.kind, raised.message]
      assert_includes raised.message, ".kestra-execution-context.json"
    end
  end

  def test_context_is_frozen_all_the_way_down
    in_case({ "files" => { ".kestra-execution-context.json" => "full.json" } }) do
      labels = Kestra.context["labels"]
      assert labels.frozen? && labels.first.frozen? && labels.first.values.all?(&:frozen?)
      assert_raises(FrozenError) { labels.first["key"] = "x" }
    end
  end
end
