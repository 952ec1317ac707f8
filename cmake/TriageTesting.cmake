# triage_add_test(NAME SOURCES... LIBS ... LABELS ... [TIMEOUT s] [GUI])
# One executable per test class; offscreen platform and test-mode standard paths for every test.
function(triage_add_test name)
    cmake_parse_arguments(T "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE ${T_LIBS} Qt6::Test triage_options)
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set(env
        "QT_QPA_PLATFORM=offscreen"
        "TRIAGE_BIN_DIR=${CMAKE_BINARY_DIR}/bin"
        "TRIAGE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
        "TRIAGE_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared")
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        LABELS "${T_LABELS}"
        ENVIRONMENT "${env}")
endfunction()
