/* The parse floor for scripts/bench/bench.sh: libyaml's event parser over each named file,
 * building nothing. Prints how many events it read, so the work cannot be optimised away.
 * Build: cc -O2 -o yaml-floor yaml-floor.c -lyaml */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv) {
    unsigned long events = 0;
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        FILE *file = fopen(argv[i], "rb");
        if (!file) { failed = 1; continue; }
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_file(&parser, file);
        for (;;) {
            if (!yaml_parser_parse(&parser, &event)) { failed = 1; break; }
            events++;
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            if (done) break;
        }
        yaml_parser_delete(&parser);
        fclose(file);
    }
    printf("%lu events\n", events);
    return failed ? 1 : 0;
}
