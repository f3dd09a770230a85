# kubectl's and helm's completion scripts call two functions of Debian's bash-completion package, which
# the host may not have: these small stand-ins do what the scripts need. Words are not split at '=' or
# ':' (bash-completion's `-n =:`), so `--namespace=kube-<Tab>` and `pod:<Tab>` complete whole.
COMP_WORDBREAKS=${COMP_WORDBREAKS//[:=]/}
if ! declare -F _get_comp_words_by_ref >/dev/null; then
  _get_comp_words_by_ref() {
    while [[ $1 == -* ]]; do [[ $1 == -n ]] && shift; shift; done
    local name
    for name in "$@"; do
      case $name in
        cur) cur=${COMP_WORDS[COMP_CWORD]} ;;
        prev) prev=${COMP_WORDS[COMP_CWORD-1]} ;;
        words) words=("${COMP_WORDS[@]}") ;;
        cword) cword=$COMP_CWORD ;;
      esac
    done
  }
fi
if ! declare -F _filedir >/dev/null; then
  _filedir() {
    local IFS=$'\n'
    COMPREPLY+=($(compgen -d -- "$cur"))
    if [[ $1 != -d ]]; then
      if [[ -n $1 ]]; then COMPREPLY+=($(compgen -f -X "!*.@($1)" -- "$cur")); else COMPREPLY+=($(compgen -f -- "$cur")); fi
    fi
    compopt -o filenames 2>/dev/null
  }
fi
