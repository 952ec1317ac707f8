# triage_add_test(NAME SOURCES... LIBS ... LABELS ... [TIMEOUT s] [GUI] [NEEDS targets...] [PG_VARIANT] [TZ_VARIANT])
# One executable per test class; offscreen platform and test-mode standard paths for every test.
# NEEDS: programs the test starts (triaged, triagectl), built before it. PG_VARIANT: a second test
# NAME_pg from the same sources against the PostgreSQL of tests/support/with-services
# (TRIAGE_TEST_PG defined, label pg). TZ_VARIANT: NAME_tz_auckland runs the same executable with the
# process in Pacific/Auckland, to prove results depend on the calendars' zones, never the process's.
function(triage_add_test name)
    cmake_parse_arguments(T "GUI;PG_VARIANT;TZ_VARIANT" "TIMEOUT" "SOURCES;LIBS;LABELS;NEEDS" ${ARGN})
    if(T_PG_VARIANT)
        set(common SOURCES ${T_SOURCES} LIBS ${T_LIBS} NEEDS ${T_NEEDS})
        if(T_TIMEOUT)
            list(APPEND common TIMEOUT ${T_TIMEOUT})
        endif()
        triage_add_test(${name} ${common} LABELS ${T_LABELS})
        triage_add_test(${name}_pg ${common} LABELS ${T_LABELS} pg)
        target_compile_definitions(${name}_pg PRIVATE TRIAGE_TEST_PG)
        return()
    endif()
    add_executable(${name} ${T_SOURCES})
    foreach(needed ${T_NEEDS})
        if(TARGET ${needed})
            add_dependencies(${name} ${needed})
        endif()
    endforeach()
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
    if(T_TZ_VARIANT)
        add_test(NAME ${name}_tz_auckland COMMAND ${name})
        set_tests_properties(${name}_tz_auckland PROPERTIES
            TIMEOUT ${T_TIMEOUT}
            LABELS "${T_LABELS}"
            ENVIRONMENT "${env};TZ=Pacific/Auckland")
    endif()
endfunction()
