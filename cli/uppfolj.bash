# bash completion for uppfolj: commands and their options from the CLI's
# own --help, and codes from the registry (--db on the line, else
# $UPPFOLJ_DB, else ./uppfolj.db) for the options that name one.

# The registry's codes of a kind: the first column of its list.
_uppfolj_codes()
{
    local -a db=()
    [[ -n $_uppfolj_db ]] && db=(--db "$_uppfolj_db")
    "$1" "${db[@]}" --format csv $2 2>/dev/null | tail -n +2 | cut -d, -f1
}

_uppfolj()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local bin=${COMP_WORDS[0]} i word
    local -a words=()
    _uppfolj_db=
    # The words typed so far, without the global options and their values.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
            --db | --actor | --format | --scope | --csv-dialect | --columns | --output | --out)
                [[ $word == --db ]] && _uppfolj_db=${COMP_WORDS[i + 1]}
                ((i++)) ;;
            --db=*) _uppfolj_db=${word#--db=} ;;
            -*) ;;
            *) words+=("$word") ;;
        esac
    done

    case $prev in
        --committee) COMPREPLY=($(compgen -W "$(_uppfolj_codes "$bin" 'committee list')" -- "$cur")); return ;;
        --provider) COMPREPLY=($(compgen -W "$(_uppfolj_codes "$bin" 'provider list')" -- "$cur")); return ;;
        --assignment) COMPREPLY=($(compgen -W "$(_uppfolj_codes "$bin" 'assignment list')" -- "$cur")); return ;;
        --unit | --parent) COMPREPLY=($(compgen -W "$(_uppfolj_codes "$bin" 'unit list')" -- "$cur")); return ;;
        --measure) COMPREPLY=($(compgen -W "$(_uppfolj_codes "$bin" 'measure list')" -- "$cur")); return ;;
        --scope) COMPREPLY=($(compgen -W "$(_uppfolj_codes "$bin" 'provider list' |
            sed 's/^/provider:/')" -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "table csv json" -- "$cur")); return ;;
        --db | --to | --file | --output | --out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac

    local commands
    commands=$("$bin" --help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([^ ]*\( [^ ]*\)\?\)  .*/\1/p')
    if ((${#words[@]} == 0)); then
        COMPREPLY=($(compgen -W "$(cut -d' ' -f1 <<<"$commands" | sort -u)" -- "$cur"))
        return
    fi
    local subs
    subs=$(awk -v g="${words[0]}" '$1 == g && NF == 2 { print $2 }' <<<"$commands")
    if ((${#words[@]} == 1)) && [[ -n $subs && $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local -a cmd=("${words[0]}")
        [[ -n $subs ]] && cmd+=("${words[1]}")
        COMPREPLY=($(compgen -W "$("$bin" "${cmd[@]}" --help 2>/dev/null |
            grep -o -- '--[a-z][a-z-]*' | sort -u) --help" -- "$cur"))
    fi
}

complete -F _uppfolj uppfolj
