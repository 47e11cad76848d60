package io.github.pgssl.internal.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderOrderTest {
    static final class A { }
    static final class B { }
    static final class C { }

    @Test
    void sortWhenPrioritiesDifferThenHighestFirstThenClassName() {
        List<Object> providers = new ArrayList<>(List.of(new C(), new A(), new B(), "x"));
        ProviderOrder.sort(providers, new int[] {5, 1, 5, 9});
        assertEquals(List.of(String.class, B.class, C.class, A.class), classes(providers));
    }

    @Test
    void sortWhenSameClassAndPriorityThenStable() {
        A first = new A();
        A second = new A();
        List<Object> providers = new ArrayList<>(List.of(first, new B(), second));
        ProviderOrder.sort(providers, new int[] {0, -1, 0});
        assertEquals(List.of(first, second), providers.subList(0, 2));
    }

    @Test
    void sortWhenPrioritiesMissingThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProviderOrder.sort(new ArrayList<>(List.of(new A())), new int[0]));
    }

    @Test
    void containsClassMatchesExactClassOnly() {
        assertTrue(ProviderOrder.containsClass(List.of(new A(), new B()), B.class));
        assertFalse(ProviderOrder.containsClass(List.of(new A()), Object.class));
    }

    private static List<Class<?>> classes(List<Object> providers) {
        List<Class<?>> out = new ArrayList<>();
        for (Object o : providers) {
            out.add(o.getClass());
        }
        return out;
    }
}
