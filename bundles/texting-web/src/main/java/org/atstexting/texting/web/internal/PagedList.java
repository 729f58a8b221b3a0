package org.atstexting.texting.web.internal;

import java.util.AbstractList;
import java.util.List;

/** A page of a list that remembers the whole list's size, for the paging headers. */
final class PagedList<T> extends AbstractList<T> {

    private final List<T> items;
    final int total;
    final Paging paging;

    private PagedList(List<T> items, int total, Paging paging) {
        this.items = List.copyOf(items);
        this.total = total;
        this.paging = paging;
    }

    static <T> List<T> of(List<T> items, int total, Paging paging) {
        return new PagedList<>(items, total, paging);
    }

    @Override
    public T get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
