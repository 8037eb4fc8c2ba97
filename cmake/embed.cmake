# embed_files(<target-source-var> NAMESPACE ns NAME fn FILES f1 f2 ...)
# Generates a .cpp with a function `ns::fn()` returning the embedded files as
# {relative name, contents} pairs, so the binary carries its migrations and the
# OpenAPI document and needs no data directory next to it.
function(embed_files out_var)
  cmake_parse_arguments(E "" "NAMESPACE;NAME;BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${E_NAME}.cpp")
  # A ';' list would be split into separate command arguments: pass it joined.
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${E_NAMESPACE} -DFN=${E_NAME}
            -DBASE=${E_BASE} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${E_NAME}"
    VERBATIM)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
