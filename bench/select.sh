# Sourced by the bench scripts: `selected NAME` is true when the script was
# given no names, or NAME among them (the script sets want=("$@") first).
selected() {
  [[ ${#want[@]} -eq 0 ]] && return 0
  local w
  for w in "${want[@]}"; do [[ "$w" == "$1" ]] && return 0; done
  return 1
}
