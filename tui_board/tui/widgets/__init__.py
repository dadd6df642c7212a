"""The board's widgets: columns, cards, panels and the pieces they are made of."""
