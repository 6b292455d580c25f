#include "metric.hpp"

#include "failure.hpp"
#include "text.hpp"

namespace emit {
namespace {

// "counter 'rows'": the field prefix the core uses in its messages.
std::string label(kestra_metric_type type, std::string_view name) {
    return std::string(metric_type_name(type)) + " " + quote(name);
}

Tag parse_tag(std::string_view command, std::string_view word) {
    const std::size_t eq = word.find('=');
    if (eq == std::string_view::npos)
        throw usage(std::string(command) + ": --tag expects KEY=VALUE or KEY:=NUMBER, got " + quote(word));
    const bool typed = eq > 0 && word[eq - 1] == ':';
    return Tag{word.substr(0, typed ? eq - 1 : eq), word.substr(eq + 1), typed};
}

// KEY:=VALUE: true, false, or a number, written as a JSON scalar.
void add_typed_tag_value(const Record &r, const std::string &field, std::string_view text) {
    if (text == "true" || text == "false") return r.check(kestra_record_bool(r.get(), text == "true"));
    const Number n = parse_number(text);
    switch (n.kind) {
        case Number::integer: return r.check(kestra_record_integer_text(r.get(), text.data(), text.size()));
        case Number::floating:
        case Number::not_finite: return r.check(kestra_record_double(r.get(), n.value));
        default:
            throw usage(field + ": " + quote(text) + " is not a number or a boolean (use KEY=VALUE for a string)");
    }
}

}  // namespace

const char *metric_type_name(kestra_metric_type type) {
    switch (type) {
        case KESTRA_METRIC_COUNTER: return "counter";
        case KESTRA_METRIC_TIMER: return "timer";
        default: return "gauge";
    }
}

std::vector<OptionSpec> metric_option_specs(bool with_timestamp) {
    std::vector<OptionSpec> specs{{"--tag", true, true}, {"--description"}};
    if (with_timestamp) specs.push_back({"--timestamp"});
    return specs;
}

MetricOptions metric_options(std::string_view command, const Args &args) {
    MetricOptions o;
    for (std::string_view t : args.values("--tag")) o.tags.push_back(parse_tag(command, t));
    o.timestamp = args.value("--timestamp");
    o.description = args.value("--description");
    return o;
}

void begin_metric(const Record &r, kestra_metric_type type, std::string_view name, std::string_view text) {
    r.check(kestra_record_begin_metric(r.get(), type, name.data(), name.size()));
    const Number n = parse_number(text);
    switch (n.kind) {
        case Number::integer: return r.check(kestra_record_integer_text(r.get(), text.data(), text.size()));
        case Number::floating:
        case Number::not_finite: return r.check(kestra_record_double(r.get(), n.value));
        case Number::out_of_range:
            throw usage(label(type, name) + " value: " + quote(text) + " is out of range of a double");
        default:
            throw usage(label(type, name) + " value: " + quote(text) + " is not a number");
    }
}

void begin_metric(const Record &r, kestra_metric_type type, std::string_view name, double value) {
    r.check(kestra_record_begin_metric(r.get(), type, name.data(), name.size()));
    r.check(kestra_record_double(r.get(), value));
}

void add_metric_options(const Record &r, kestra_metric_type type, std::string_view name,
                        const MetricOptions &options) {
    for (const Tag &t : options.tags) {
        r.check(kestra_record_key(r.get(), t.key.data(), t.key.size()));
        if (t.typed) add_typed_tag_value(r, label(type, name) + " tags[" + quote(t.key) + "]", t.value);
        else r.check(kestra_record_string(r.get(), t.value.data(), t.value.size()));
    }
    if (options.timestamp)
        r.check(kestra_record_metric_timestamp(r.get(), options.timestamp->data(), options.timestamp->size()));
    if (options.description)
        r.check(kestra_record_metric_description(r.get(), options.description->data(), options.description->size()));
}

}  // namespace emit
